"""Django's own widget templates, written out in Python for the application form.

Every applicant loads the form page at every visit; rendering its widgets through the
template engine (an include per attribute list, per option) cost more CPU than the rest of
the request. These functions write the same HTML as Django 5.2's templates
(django/forms/templates/django/forms/widgets/), escaped the same way; a test compares
them with the templates for every kind of question. Widgets they do not know, and a file
input showing its current file, are rendered by Django's templates as usual.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"


def _as_string(value):
    """`{{ value|stringformat:'s' }}`: formatted as text, then always escaped."""
    return escape(str(value))


def _attrs(attrs):
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{_as_string(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def _opening(tag, widget, *, typed=True):
    """`<tag [type=…] name=…`, the start shared by inputs, text areas and selects."""
    kind = f' type="{conditional_escape(widget["type"])}"' if typed else ""
    return f'<{tag}{kind} name="{conditional_escape(widget["name"])}"'


def _input(widget):
    value = "" if widget["value"] is None else f' value="{_as_string(widget["value"])}"'
    return f"{_opening('input', widget)}{value}{_attrs(widget['attrs'])}>"


def _textarea(widget):
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    opening = _opening("textarea", widget, typed=False)
    return f"{opening}{_attrs(widget['attrs'])}>\n{value}</textarea>"


def _option(widget):
    """With the template's own line end: the select's options are not stripped."""
    value, label = _as_string(widget["value"]), conditional_escape(widget["label"])
    return f'<option value="{value}"{_attrs(widget["attrs"])}>{label}</option>\n'


def _select(widget):
    parts = [f"{_opening('select', widget, typed=False)}{_attrs(widget['attrs'])}>"]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


WRITERS = {
    **{
        f"{WIDGETS}{name}.html": _input
        for name in ("text", "email", "number", "url", "date", "checkbox", "file")
    },
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
}
# These templates write more than an input in some cases, left to Django's templates.
UNLESS = {
    f"{WIDGETS}radio_option.html": "wrap_label",
    f"{WIDGETS}checkbox_option.html": "wrap_label",
    f"{WIDGETS}clearable_file_input.html": "is_initial",
}


def writer(template_name, widget):
    """The function that writes this template for this widget, or None."""
    if template_name in UNLESS:
        return None if widget.get(UNLESS[template_name]) else _input
    return WRITERS.get(template_name)


class ApplicationFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        write = writer(template_name, context.get("widget", {}))
        if write is None:
            return super().render(template_name, context, request)
        return mark_safe(write(context["widget"]))
