from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jumelage.selection.enums import EntryKind, PickChoice
from jumelage.selection.services import EntryChoice, PickLine

TEXT_LIMIT = 2000


def _note(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NominationForm(forms.Form):
    """One row per candidate: on the list or not, and why. `sending` asks for exactly N."""

    share_summary = forms.BooleanField(
        label=_("Share the committee's review summary with the partner"), required=False
    )
    share_justification = forms.BooleanField(
        label=_("Share the justifications with the partner"), required=False
    )
    publish_organisation = forms.BooleanField(
        label=_("Publish the organisations of the selected teams on the results page"),
        required=False,
    )

    def __init__(self, *args, candidates, nomination, n, sending=False, **kwargs):
        super().__init__(*args, initial=self._initial(nomination), **kwargs)
        self.candidates, self.n, self.sending = candidates, n, sending
        kinds = [("", _("Not on the list")), *EntryKind.choices]
        for candidate in candidates:
            pk = candidate.application.pk
            self.fields[f"kind_{pk}"] = forms.ChoiceField(
                label=_("List"), choices=kinds, required=False
            )
            self.fields[f"justification_{pk}"] = _note(_("Justification"))
            self.fields[f"partner_summary_{pk}"] = _note(_("Summary for the partner"))

    @staticmethod
    def _initial(nomination):
        if nomination is None:
            return {
                "share_summary": True,
                "share_justification": True,
                "publish_organisation": True,
            }
        initial = {
            "share_summary": nomination.share_summary,
            "share_justification": nomination.share_justification,
            "publish_organisation": nomination.publish_organisation,
        }
        for entry in nomination.entries.all():
            initial[f"kind_{entry.application_id}"] = entry.kind
            initial[f"justification_{entry.application_id}"] = entry.justification
            initial[f"partner_summary_{entry.application_id}"] = entry.partner_summary
        return initial

    def rows(self):
        """(candidate, its list field, its justification and partner summary fields), in
        ranking order."""
        return [
            (
                c,
                self[f"kind_{c.application.pk}"],
                self[f"justification_{c.application.pk}"],
                self[f"partner_summary_{c.application.pk}"],
            )
            for c in self.candidates
        ]

    def clean(self):
        cleaned = super().clean()
        for candidate in self.candidates:
            pk = candidate.application.pk
            if cleaned.get(f"kind_{pk}") and not (cleaned.get(f"justification_{pk}") or "").strip():
                self.add_error(f"justification_{pk}", _("Say why this applicant is on the list."))
            self._check_summary(cleaned, pk)
        self._check_count(self.nominated_count())
        return cleaned

    def _check_summary(self, cleaned, pk) -> None:
        nominated = cleaned.get(f"kind_{pk}") == EntryKind.NOMINATED
        if self.sending and nominated and not (cleaned.get(f"partner_summary_{pk}") or "").strip():
            self.add_error(
                f"partner_summary_{pk}",
                _("Write the summary for the partner, in its working language, before sending."),
            )

    def nominated_count(self) -> int:
        return sum(
            1
            for c in self.candidates
            if self.cleaned_data.get(f"kind_{c.application.pk}") == EntryKind.NOMINATED
        )

    def _check_count(self, count) -> None:
        too_many = count > self.n
        if too_many or (self.sending and count != self.n):
            self.add_error(
                None,
                ngettext(
                    "Nominate exactly %(n)d applicant; you chose %(count)d.",
                    "Nominate exactly %(n)d applicants; you chose %(count)d.",
                    self.n,
                )
                % {"n": self.n, "count": count},
            )

    def choices(self) -> list[EntryChoice]:
        """The nominated applicants, then the waiting list, each in ranking order."""
        rows = [
            EntryChoice(
                c.application.pk,
                self.cleaned_data[f"kind_{c.application.pk}"],
                self.cleaned_data[f"justification_{c.application.pk}"],
                self.cleaned_data[f"partner_summary_{c.application.pk}"],
            )
            for c in self.candidates
            if self.cleaned_data.get(f"kind_{c.application.pk}")
        ]
        return sorted(rows, key=lambda row: row.kind != EntryKind.NOMINATED)

    def flags(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("share_summary", "share_justification", "publish_organisation")
        }


class PickForm(forms.Form):
    """One row per nominated applicant: selected, in reserve (in order) or not, and why.
    `proposing` asks for exactly M selected teams."""

    def __init__(self, *args, entries, pick, m, proposing=False, **kwargs):
        super().__init__(*args, initial=self._initial(pick), **kwargs)
        self.entries, self.m, self.proposing = entries, m, proposing
        options = [("", _("Not picked")), *PickChoice.choices]
        for entry in entries:
            self.fields[f"choice_{entry.pk}"] = forms.ChoiceField(
                label=_("Your choice"), choices=options, required=False
            )
            self.fields[f"order_{entry.pk}"] = forms.IntegerField(
                label=_("Reserve order"), min_value=1, max_value=99, required=False
            )
            self.fields[f"reason_{entry.pk}"] = _note(_("Reason"))

    @staticmethod
    def _initial(pick):
        initial = {}
        for line in pick.entries.all() if pick else []:
            initial[f"choice_{line.entry_id}"] = line.choice
            initial[f"order_{line.entry_id}"] = line.order
            initial[f"reason_{line.entry_id}"] = line.reason
        return initial

    def rows(self):
        return [
            (e, self[f"choice_{e.pk}"], self[f"order_{e.pk}"], self[f"reason_{e.pk}"])
            for e in self.entries
        ]

    def clean(self):
        cleaned = super().clean()
        selected = 0
        for entry in self.entries:
            if cleaned.get(f"choice_{entry.pk}") != PickChoice.SELECTED:
                continue
            selected += 1
            if not (cleaned.get(f"reason_{entry.pk}") or "").strip():
                self.add_error(f"reason_{entry.pk}", _("Say why you select this team."))
        if selected > self.m or (self.proposing and selected != self.m):
            self.add_error(
                None,
                ngettext(
                    "Select exactly %(m)d team; you chose %(count)d.",
                    "Select exactly %(m)d teams; you chose %(count)d.",
                    self.m,
                )
                % {"m": self.m, "count": selected},
            )
        return cleaned

    def lines(self) -> list[PickLine]:
        data = self.cleaned_data
        return [
            PickLine(
                e.pk,
                data[f"choice_{e.pk}"],
                data[f"reason_{e.pk}"],
                data[f"order_{e.pk}"] or position,
            )
            for position, e in enumerate(self.entries, start=1)
            if data.get(f"choice_{e.pk}")
        ]


class ReturnPickForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you send the pick back?"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why you send the pick back, so the partner can revise it.")
        },
    )
