"""Reviewer assignment at scale: one JSON line per size, the exact solver beside a greedy
baseline measured in the same run.

    .venv/bin/python -m bench.assignment [--sizes 1000x100 1000x150] [--families …]
                                         [--sum-sizes 5000x500]

First the sum-optimal mode on the --sum-sizes, then the fair mode on every family and
size; `ratio_to_bound` is the worst application's sum over `maxmin_bound`, a proven upper
bound on the worst application of every integral assignment: the least of the weakest
application's own best, the groups' bound, the cover-inequality bound
(`optimize/covers.py`) and the panels' price certificate (`optimize/panels.py`: a target
is out when, for some reviewer prices, the applications' cheapest panels reaching it
cost more than the reviewers' loads can hold), and the greedy's against the same bound.
`lp_bound` is the plain max–min LP's value and `ratio_to_lp` the worst over it: on juries
of generalists or specialists the LP shares scarce reviewers fractionally and stands
above what any integral assignment reaches, so that ratio understates the solver.

Instances: topic-mixture affinities (each application has a main topic drawn from a Zipf
popularity over 25 topics, plus a sparse Dirichlet mixture; reviewers per family, see
`instance`), cosine similarity, 1 % random conflicts, a maximum load of 1.15 × the mean
demand. Timings are wall-clock on whatever else the machine runs meanwhile (`loadavg`);
`peak_mb` is the process's peak resident memory so far, instance included (the
baseline's is therefore at least the solver's).
"""

import argparse
import json
import os
import resource
import time

import numpy as np

from jumelage.optimize.assignment import assign_reviewers
from jumelage.optimize.bounds import top_candidates
from jumelage.optimize.instance import build
from jumelage.optimize.maxmin import relax

TOPICS = 25
REVIEWS = 3
GREEDY_DEPTH = 50


FAMILIES = ("popularity", "uniform", "specialists", "mixture")


def instance(n_apps, n_reviewers, seed=0, family="popularity"):
    """One instance of a family. Applications' main topics follow a Zipf popularity over
    TOPICS; reviewers' main topics follow the same popularity ("popularity"), or are drawn
    uniformly, as a jury of generalists is ("uniform"); "specialists" are reviewers
    sharply on one topic of a few clusters of neighbouring topics; "mixture" draws each
    reviewer from one of the three."""
    rng = np.random.default_rng(seed)
    popularity = 1 / np.arange(1, TOPICS + 1)
    popularity /= popularity.sum()
    main = rng.choice(TOPICS, n_apps, p=popularity)
    apps = rng.dirichlet(np.full(TOPICS, 0.1), n_apps) + 2 * np.eye(TOPICS)[main]
    kinds = np.full(n_reviewers, family)
    if family == "mixture":
        kinds = rng.choice(FAMILIES[:3], n_reviewers)
    reviewers = np.zeros((n_reviewers, TOPICS))
    for kind in FAMILIES[:3]:
        chosen = np.flatnonzero(kinds == kind)
        reviewers[chosen] = _reviewers(rng, kind, len(chosen), popularity)
    apps /= np.linalg.norm(apps, axis=1, keepdims=True)
    reviewers /= np.linalg.norm(reviewers, axis=1, keepdims=True)
    affinity = apps @ reviewers.T
    conflicts = rng.random(affinity.shape) < 0.01
    max_load = int(np.ceil(1.15 * n_apps * REVIEWS / n_reviewers))
    return affinity, conflicts, max_load


def _reviewers(rng, kind, count, popularity):
    if kind == "specialists":
        # Five clusters of five neighbouring topics; a specialist knows one topic well and
        # its cluster a little.
        topic = rng.choice(TOPICS, count)
        cluster = (topic // 5)[:, None] == (np.arange(TOPICS) // 5)[None, :]
        return (
            0.2 * cluster + rng.dirichlet(np.full(TOPICS, 0.02), count) + 3 * np.eye(TOPICS)[topic]
        )
    weights = popularity if kind == "popularity" else None
    topic = rng.choice(TOPICS, count, p=weights)
    return rng.dirichlet(np.full(TOPICS, 0.1), count) + np.eye(TOPICS)[topic]


def greedy(affinity, conflicts, max_load):
    """The usual baseline: pairs in decreasing affinity, taken while both sides have room.
    Each application's best GREEDY_DEPTH pairs go first (sorting all of them would only
    slow the baseline down); the rest follow, for applications still short."""
    n_apps, n_reviewers = affinity.shape
    need, room = [REVIEWS] * n_apps, [max_load] * n_reviewers
    taken = []
    scores = np.where(conflicts, -np.inf, affinity)
    depth = min(GREEDY_DEPTH, n_reviewers - 1)
    best = np.zeros(affinity.shape, dtype=bool)
    np.put_along_axis(best, np.argpartition(-scores, depth, axis=1)[:, :depth], True, axis=1)
    for pass_ in (best & ~conflicts, ~best & ~conflicts):
        short = np.array(need) > 0
        rows, cols = np.nonzero(pass_ & short[:, None])
        order = np.argsort(-affinity[rows, cols], kind="stable")
        for a, r in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
            if need[a] and room[r]:
                taken.append((a, r))
                need[a] -= 1
                room[r] -= 1
    chosen = np.zeros(affinity.shape, dtype=bool)
    chosen[tuple(np.array(taken).T)] = True
    sums = np.where(chosen, affinity, 0).sum(axis=1)
    return {
        "objective": round(float(sums.sum()), 4),
        "worst_application": round(float(sums.min()), 4),
        "unfilled_reviews": sum(need),
    }


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run(n_apps, n_reviewers, fairness, family="popularity"):
    affinity, conflicts, max_load = instance(n_apps, n_reviewers, family=family)
    started = time.perf_counter()
    result = assign_reviewers(affinity, REVIEWS, max_load, conflicts=conflicts, fairness=fairness)
    seconds = time.perf_counter() - started
    line = {
        "case": "assignment",
        "family": family,
        "applications": n_apps,
        "reviewers": n_reviewers,
        "reviews": REVIEWS,
        "max_load": max_load,
        "fairness": fairness,
        "mode": "fair" if fairness else "sum",
        "objective": round(result.objective, 4),
        "upper_bound": round(result.upper_bound, 4),
        "ratio": round(result.ratio, 9),
        "worst_application": round(result.worst_application, 4),
        "maxmin_bound": None if result.maxmin_bound is None else round(result.maxmin_bound, 4),
        "ratio_to_bound": None
        if result.maxmin_bound is None
        else round(result.worst_application / result.maxmin_bound, 4),
        "seconds": round(seconds, 2),
        "peak_mb": peak_mb(),
        "loadavg": [round(load, 2) for load in os.getloadavg()],
    }
    if fairness:
        problem = build(affinity, REVIEWS, max_load, 0, conflicts, None, None)
        # The candidates must hold an assignment: the fair mode's own. None when HiGHS
        # cannot prove the LP optimal (its duals would prove nothing).
        held = np.zeros(affinity.shape, dtype=bool)
        held[tuple(result.pairs.T)] = True
        lp = relax(problem, top_candidates(affinity, problem.allowed, 15) | held)
        line["lp_bound"] = None if lp is None else round(lp.bound, 4)
        line["ratio_to_lp"] = None if lp is None else round(result.worst_application / lp.bound, 4)
    started = time.perf_counter()
    baseline = greedy(affinity, conflicts, max_load)
    baseline["ratio"] = round(baseline["objective"] / result.upper_bound, 6)
    if result.maxmin_bound:
        baseline["ratio_to_bound"] = round(baseline["worst_application"] / result.maxmin_bound, 4)
    baseline["seconds"] = round(time.perf_counter() - started, 2)
    baseline["peak_mb"] = peak_mb()
    line["greedy"] = baseline
    print(json.dumps(line), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["1000x100", "1000x150"])
    parser.add_argument("--families", nargs="+", choices=FAMILIES, default=list(FAMILIES))
    parser.add_argument("--sum-sizes", nargs="*", default=["5000x500"])
    args = parser.parse_args(argv)
    for size in args.sum_sizes:
        run(*_size(size), fairness=False)
    for family in args.families:
        for size in args.sizes:
            run(*_size(size), fairness=True, family=family)


def _size(text):
    n_apps, n_reviewers = (int(part) for part in text.split("x"))
    return n_apps, n_reviewers


if __name__ == "__main__":
    main()
