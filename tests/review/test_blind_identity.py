"""What names a team, and where a text says it: case, accents, scripts and addresses."""

import pytest

from jumelage.review.identity import Strings, hits, identity_of, masked


def team(**strings):
    fields = {"names": [], "people": [], "emails": [], "urls": [], "texts": []}
    return identity_of(Strings(**{**fields, **strings}))


ORCHID = team(
    names=["Orchid Robotics", "Orchid Robotics SAS (fictif)", "蘭花機器人科技股份有限公司（虛構）"],
    people=["Inès Vidal", "陳志明"],
    emails=["ines@orchid-robotics.example", "someone@gmail.com", "tech@robots-r-us.example"],
    urls=["https://www.orchid.example/team"],
    texts=["Founders: Hugo Martin (CEO), Léa Fabre and 林小華"],
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We are ORCHID ROBOTICS.", ["ORCHID ROBOTICS"]),
        ("Orchid-Robotics ships.", ["Orchid-Robotics"]),
        ("OrchidRobotics ships.", ["OrchidRobotics"]),
        ("Ines Vidal codes.", ["Ines Vidal"]),
        ("VIDAL codes.", ["VIDAL"]),
        ("蘭花機器人科技團隊", ["蘭花機器人科技"]),
        ("由陳志明帶領", ["陳志明"]),
        ("林小華負責研發", ["林小華"]),
        ("Hugo Martin and Léa Fabre", ["Hugo Martin", "Léa Fabre"]),
        ("see orchid.example/demo.", ["orchid.example"]),
        ("see https://orchid.example/demo.", ["https://orchid.example/demo"]),
        ("write to ines@orchid-robotics.example", ["ines@orchid-robotics.example"]),
        ("robots-r-us builds arms", ["robots-r-us"]),
    ],
)
def test_a_name_is_found_whatever_its_case_accents_or_script(text, found):
    assert hits(text, ORCHID) == found


@pytest.mark.parametrize(
    "text",
    [
        "Orchids grow in Taichung.",  # a longer word is another word
        "Write to us at gmail.com.",  # a shared provider names nobody
        "Our tech team is small.",  # a role mailbox names nobody
        "Our founders met in 2019.",  # an answer's label is no name
        "Martinez and Vidalon",
        "",
    ],
)
def test_other_words_are_left_alone(text):
    assert hits(text, ORCHID) == []


def test_a_masked_text_keeps_everything_else():
    text = "Chez Orchid Robotics, Inès pilote; voir www.orchid.example."
    assert masked(text, ORCHID, "[masqué]") == "Chez [masqué], [masqué] pilote; voir [masqué]."


def test_a_team_with_nothing_known_masks_nothing():
    assert masked("Orchid Robotics", team(), "[masked]") == "Orchid Robotics"
