import re

import pytest

from jumelage.notifications.forms import SAMPLE_CONTEXT, template_problem
from jumelage.notifications.models import MessageTemplate
from jumelage.notifications.services import render_template
from jumelage.selection.enums import Decision
from jumelage.selection.messages import TEMPLATES

PLACEHOLDER = re.compile(r"{{\s*(\w+)\s*}}")


def texts():
    for key, spec in TEMPLATES.items():
        for part in ("subject", "body"):
            for language, text in spec[part].items():
                yield pytest.param(text, id=f"{key}-{part}-{language}")


@pytest.mark.parametrize("text", list(texts()))
def test_every_text_renders_and_its_placeholders_have_sample_values(text):
    assert template_problem(text) is None
    assert set(PLACEHOLDER.findall(text)) <= set(SAMPLE_CONTEXT)


def test_every_message_is_in_every_language():
    for spec in TEMPLATES.values():
        assert set(spec["subject"]) == set(spec["body"]) == {"en", "fr", "zh-hant"}


@pytest.mark.django_db
def test_the_migration_loaded_every_message_including_each_decision():
    keys = set(MessageTemplate.objects.values_list("key", flat=True))
    assert set(TEMPLATES) <= keys
    assert set(Decision.values) <= keys


@pytest.mark.django_db
def test_a_decision_renders_in_french():
    template = MessageTemplate.objects.get(key=Decision.SELECTED)
    subject, body = render_template(template, "fr", SAMPLE_CONTEXT)
    assert subject == "Vous êtes sélectionnés : échange de startups 2019 à Toulouse"
    assert "Fictional Labs" in body and SAMPLE_CONTEXT["deadline"] in body
