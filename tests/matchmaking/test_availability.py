from jumelage.matchmaking.availability import available_slots, broken_meetings

# Four 20-minute slots from 9:00, in minutes from midnight.
SLOTS = [(540, 560), (560, 580), (580, 600), (600, 620)]


def test_a_slot_overlapping_an_itinerary_item_is_not_available():
    assert available_slots(SLOTS, [(565, 570)]) == frozenset({0, 2, 3})


def test_an_item_ending_as_a_slot_starts_leaves_that_slot_available():
    assert available_slots(SLOTS, [(500, 560), (620, 700)]) == frozenset({1, 2, 3})


def test_without_itinerary_every_slot_is_available():
    assert available_slots(SLOTS, []) == frozenset(range(4))


def test_a_change_to_one_partys_itinerary_flags_only_the_meetings_it_breaks():
    team_after_change = available_slots(SLOTS, [(540, 580)])
    investor = frozenset(range(4))
    placement = {0: 0, 1: 2, 2: 1}
    parties = [(0, 1), (0, 1), (1,)]
    assert broken_meetings(placement, parties, [team_after_change, investor]) == [0]
