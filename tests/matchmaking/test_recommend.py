from jumelage.matchmaking.recommend import Profile, suggest_all

STARTUP = Profile(
    offers=frozenset({"technology"}),
    seeks=frozenset({"pilot", "investment"}),
    themes=frozenset({"aerospace", "iot"}),
    text="capteurs embarqués pour la maintenance aéronautique",
)
CORPORATE = Profile(
    offers=frozenset({"pilot"}),
    seeks=frozenset({"technology"}),
    themes=frozenset({"aerospace"}),
    text="aeronautics maintenance pilot programme, embedded sensors",
)
INVESTOR = Profile(
    offers=frozenset({"investment"}),
    seeks=frozenset({"deal_flow"}),
    themes=frozenset({"fintech"}),
    text="seed fund",
)
LAWYER = Profile(offers=frozenset({"legal"}), seeks=frozenset({"clients"}), text="")


def test_a_two_sided_match_ranks_above_a_one_sided_one_and_unrelated_participants_are_left_out():
    suggestions = suggest_all([STARTUP, CORPORATE, INVESTOR, LAWYER])[0]
    assert [suggestion.candidate for suggestion in suggestions] == [1, 2]


def test_each_suggestion_gives_its_reasons_from_both_sides_and_shared_themes():
    best = suggest_all([STARTUP, CORPORATE])[0][0]
    assert best.they_offer == ("pilot",)
    assert best.you_offer == ("technology",)
    assert best.themes == ("aerospace",)


def test_text_similarity_across_french_and_english_raises_the_score():
    similar = Profile(offers=frozenset({"pilot"}), seeks=frozenset(), text=CORPORATE.text)
    different = Profile(offers=frozenset({"pilot"}), seeks=frozenset(), text="banque de détail")
    suggestions = suggest_all([STARTUP, different, similar])[0]
    assert [suggestion.candidate for suggestion in suggestions] == [2, 1]
    assert suggestions[0].similarity > suggestions[1].similarity


def test_a_participant_is_never_suggested_to_itself_nor_those_it_already_asked():
    suggestions = suggest_all(
        [STARTUP, CORPORATE, INVESTOR], excluded=[frozenset({1}), frozenset(), frozenset()]
    )
    assert [suggestion.candidate for suggestion in suggestions[0]] == [2]
    assert all(suggestion.candidate != 1 for suggestion in suggestions[1])


def test_the_limit_keeps_only_the_best_candidates():
    crowd = [STARTUP] + [CORPORATE] * 5
    assert len(suggest_all(crowd, limit=3)[0]) == 3


def test_no_profiles_give_no_suggestions():
    assert suggest_all([]) == []
