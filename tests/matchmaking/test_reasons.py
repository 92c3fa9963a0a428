from django.utils import translation

from jumelage.matchmaking.reasons import reasons
from jumelage.matchmaking.recommend import Suggestion

SUGGESTION = Suggestion(
    candidate=1,
    score=0.8,
    they_offer=("pilot",),
    you_offer=("technology", "unknown"),
    themes=("aerospace", "unnamed"),
    similarity=0.4,
)


def test_reasons_say_what_each_side_offers_the_other_and_the_shared_themes():
    with translation.override("en"):
        assert reasons(SUGGESTION, {"aerospace": "Aerospace"}) == [
            "You seek a pilot project; they offer it.",
            "They seek a technology; you offer it.",
            "Shared themes: Aerospace.",
        ]


def test_reasons_are_read_in_french_and_traditional_chinese():
    with translation.override("fr"):
        assert reasons(SUGGESTION, {})[0] == "Vous cherchez un projet pilote ; ils le proposent."
    with translation.override("zh-hant"):
        assert reasons(SUGGESTION, {})[0] == "您正在尋找試點專案；對方可以提供。"


def test_a_suggestion_with_no_known_reason_gives_no_sentence():
    bare = Suggestion(1, 0.1, ("unknown",), (), (), 0.1)
    assert reasons(bare, {}) == []
