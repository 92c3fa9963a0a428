"""Matchmaking schedules at scale: one JSON line per case, the solver beside the greedy
baseline measured in the same run.

    .venv/bin/python -m bench.schedule [--quick] [--cases slack binding visit] [--seed 0]

The generator: N participants, 40 % startups (the visiting teams, the fairness's priority
parties), 30 % corporates, 20 % investors, 10 % legal advisers. Requests are drawn with
popular targets (a Zipf popularity over each kind): four in five between a startup and
another kind, asked by either side, one in five between two other kinds; 5 % of them bring
a second target along (a three-party meeting). 60 % are accepted; their priorities are
1/2/3 at 60/30/10 %, the meeting's weight. 16 slots of 20 minutes with 10-minute breaks,
eight a day over two days, the first day at one venue and the second at the other (the
travel rule is then never binding). 30 % of participants are there part of a day only (a
window of 3 to 8 consecutive slots), 10 % have 1 to 3 random slots blocked. Places: with
slack, as many tables per slot as the accepted meetings over the slots (room for all of
them; a fifth of the tables seat four); binding, half as many, fewer than the meetings
the participants' slots alone would allow.

`upper_bound` is the time-indexed LP relaxation (PDLP, or HiGHS on a tiny model), certified
from its duals; `ratio` is weight over it, and
the greedy's ratio is against the same bound. `startups_without_meeting` counts startups
with no meeting though one of theirs has a common slot; timings are wall-clock on whatever
else the machine runs meanwhile (`loadavg`); `peak_mb` is the process's peak resident
memory so far (the baseline's is therefore at least the solver's).
"""

import argparse
import json
import os
import resource
import time

import numpy as np

from jumelage.optimize.schedule import Instance, Meeting, Place, Slot, greedy, solve

KINDS = (("startup", 0.4), ("corporate", 0.3), ("investor", 0.2), ("legal", 0.1))
SLOTS_PER_DAY = 8
DAYS = 2
ACCEPTED = 0.6
PRIORITIES = ((1, 0.6), (2, 0.3), (3, 0.1))
THREE_PARTIES = 0.05
CASES = {
    # name: (participants, accepted meetings, share of the slack tables, time limit)
    "slack": (2000, 12_000, 1.0, 30.0),
    "binding": (2000, 12_000, 0.5, 30.0),
    "visit": (200, 1_200, 1.0, 2.0),
}
QUICK = {"slack": (400, 2_400), "binding": (400, 2_400), "visit": (200, 1_200)}


def slots():
    return tuple(
        Slot(start=day * 24 * 60 + 9 * 60 + 30 * i, end=day * 24 * 60 + 9 * 60 + 30 * i + 20)
        for day in range(DAYS)
        for i in range(SLOTS_PER_DAY)
    )


def instance(participants, meetings, share=1.0, seed=0):
    """A seeded instance with about `meetings` accepted meetings (see the module's
    docstring)."""
    rng = np.random.default_rng(seed)
    n_slots = DAYS * SLOTS_PER_DAY
    kinds = _kinds(participants)
    available = tuple(_availability(rng, n_slots) for _ in range(participants))
    wanted = _requests(rng, kinds, round(meetings / ACCEPTED))
    accepted = [parties for parties in wanted if rng.random() < ACCEPTED]
    levels, shares = zip(*PRIORITIES, strict=True)
    weights = rng.choice(levels, len(accepted), p=shares)
    tables = int(np.ceil(share * len(accepted) / n_slots))
    places = tuple(
        Place(
            venue=day,
            seats=4 if i < tables // 5 else 2,
            open_slots=frozenset(range(day * SLOTS_PER_DAY, (day + 1) * SLOTS_PER_DAY)),
        )
        for day in range(DAYS)
        for i in range(tables)
    )
    return Instance(
        slots=slots(),
        places=places,
        available=available,
        meetings=tuple(
            Meeting(parties, float(w)) for parties, w in zip(accepted, weights, strict=True)
        ),
        travel_minutes=((0, 45), (45, 0)),
        priority_parties=frozenset(np.flatnonzero(kinds == 0).tolist()),
    )


def _kinds(participants):
    counts = [round(share * participants) for _kind, share in KINDS]
    counts[0] += participants - sum(counts)
    return np.repeat(np.arange(len(KINDS)), counts)


def _availability(rng, n_slots):
    draw = rng.random()
    if draw < 0.3:
        length = int(rng.integers(3, SLOTS_PER_DAY + 1))
        day = int(rng.integers(DAYS))
        first = day * SLOTS_PER_DAY + int(rng.integers(0, SLOTS_PER_DAY - length + 1))
        return frozenset(range(first, first + length))
    if draw < 0.4:
        blocked = rng.choice(n_slots, int(rng.integers(1, 4)), replace=False)
        return frozenset(range(n_slots)) - frozenset(blocked.tolist())
    return frozenset(range(n_slots))


def _requests(rng, kinds, count):
    """Distinct requests; a target is drawn by its kind's Zipf popularity."""
    members = [np.flatnonzero(kinds == k) for k in range(len(KINDS))]
    popularity = []
    for group in members:
        weights = 1 / np.arange(1, len(group) + 1) ** 0.8
        popularity.append(rng.permutation(weights / weights.sum()))
    others = np.array([share for _kind, share in KINDS[1:]])
    seen, requests = set(), []
    while len(requests) < count:
        if rng.random() < 0.8:
            a = int(rng.choice(members[0]))
            kind = 1 + int(rng.choice(3, p=others / others.sum()))
        else:
            kind_a, kind = (1 + rng.choice(3, 2, replace=False, p=others / others.sum())).tolist()
            a = int(rng.choice(members[kind_a]))
        b = int(rng.choice(members[kind], p=popularity[kind]))
        parties = [a, b]
        if rng.random() < THREE_PARTIES:
            c = int(rng.choice(members[kind], p=popularity[kind]))
            if c not in parties:
                parties.append(c)
        key = tuple(sorted(parties))
        if key not in seen:
            seen.add(key)
            requests.append(key)
    return requests


def figures(inst, placement):
    """Weight and the startups' fairness figures of a placement."""
    startups = inst.priority_parties
    possible = set()
    for meeting in inst.meetings:
        if frozenset.intersection(*(inst.available[q] for q in meeting.parties)):
            possible.update(q for q in meeting.parties if q in startups)
    counts = dict.fromkeys(possible, 0)
    for m in placement:
        for q in inst.meetings[m].parties:
            if q in counts:
                counts[q] += 1
    return {
        "meetings": len(placement),
        "weight": round(sum(inst.meetings[m].weight for m in placement), 3),
        "startups_without_meeting": sum(1 for c in counts.values() if c == 0),
        "min_meetings_per_startup": min(counts.values(), default=0),
    }


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run(case, participants, meetings, tables, time_limit, seed):
    inst = instance(participants, meetings, tables, seed=seed)
    started = time.perf_counter()
    result = solve(inst, time_limit=time_limit)
    seconds = time.perf_counter() - started
    bound = result.upper_bound
    line = {
        "case": case,
        "participants": participants,
        "accepted_meetings": len(inst.meetings),
        "places_per_slot": len(inst.places) // DAYS,
        **figures(inst, result.placement),
        "upper_bound": round(bound, 3),
        "ratio": round(result.weight / bound, 6),
        "optimal": result.optimal,
        "seconds": round(seconds, 2),
        "time_limit": time_limit,
        "peak_mb": peak_mb(),
        "loadavg": [round(load, 2) for load in os.getloadavg()],
    }
    started = time.perf_counter()
    baseline = figures(inst, greedy(inst))
    baseline["ratio"] = round(baseline["weight"] / bound, 6)
    baseline["seconds"] = round(time.perf_counter() - started, 2)
    baseline["peak_mb"] = peak_mb()
    line["greedy"] = baseline
    print(json.dumps(line), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--quick", action="store_true", help="smaller instances (400 participants) for a check"
    )
    args = parser.parse_args(argv)
    for case in args.cases:
        participants, meetings, tables, time_limit = CASES[case]
        if args.quick:
            participants, meetings = QUICK[case]
        run(case, participants, meetings, tables, time_limit, args.seed)


if __name__ == "__main__":
    main()
