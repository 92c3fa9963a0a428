from django.utils import translation

from jumelage.hosting.forms import OrganisationForm
from jumelage.partnerships.forms import ThemeProposalForm, localized


def test_localized_names_follow_the_site_languages():
    assert localized("title", "description") == [
        "title_zh_hant",
        "title_fr",
        "title_en",
        "description_zh_hant",
        "description_fr",
        "description_en",
    ]


def test_a_translated_field_has_one_input_per_language_labelled_with_the_language(world):
    form = ThemeProposalForm(sides=[world.taichung])
    labels = [str(form.fields[name].label) for name in localized("title")]
    assert labels == ["Title (繁體中文)", "Title (Français)", "Title (English)"]


def test_one_language_is_enough(world):
    form = ThemeProposalForm(
        {"side": world.taichung.pk, "title_fr": "Ville"}, sides=[world.taichung]
    )
    assert form.is_valid(), form.errors
    assert form.translations()["title_fr"] == "Ville"


def test_no_language_at_all_is_refused_next_to_the_active_language_input(world):
    with translation.override("fr"):
        form = ThemeProposalForm(
            {"side": world.taichung.pk, "title_en": "  "}, sides=[world.taichung]
        )
        assert not form.is_valid()
        assert list(form.errors) == ["title_fr"]


def test_the_hosting_forms_share_the_helper(world):
    form = OrganisationForm({"kind": "incubator"})
    assert not form.is_valid()
    assert "Fill in at least one of the languages." in str(form.errors)
    assert str(form.fields["name_zh_hant"].label) == "Name (繁體中文)"
