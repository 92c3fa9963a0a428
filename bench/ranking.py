"""Calibrated ranking at scale: one JSON line per size.

    .venv/bin/python -m bench.ranking [--sizes 10000x1000]

Synthetic committees: true quality ~ N(0, 1), reviewer offsets ~ N(0, 0.5), noise
N(0, 0.3), three reviews per application. Assignments are unbalanced on purpose: a
reviewer's offset is correlated with the quality of what they read (reviewers of strong
topics are severe), the case where z-scores go wrong. Prints the time to calibrate and to
compute rank intervals, and each method's rank correlation with the truth.
"""

import argparse
import json
import resource
import time

import numpy as np

from jumelage.optimize.ranking import Score, calibrate, rank_intervals, tied_block

REVIEWS = 3
NOMINATIONS = 100


def committee(n_apps, n_reviewers, seed=0):
    rng = np.random.default_rng(seed)
    quality = rng.normal(size=n_apps)
    offset = rng.normal(scale=0.5, size=n_reviewers)
    # Reviewers sorted by severity read applications sorted by quality, loosely.
    by_quality = np.argsort(np.argsort(quality + rng.normal(scale=1.0, size=n_apps)))
    by_severity = np.argsort(offset)
    scores = []
    for a in range(n_apps):
        centre = by_quality[a] * n_reviewers // n_apps
        window = by_severity[np.clip(centre + rng.integers(-50, 51, 12), 0, n_reviewers - 1)]
        for r in np.unique(window)[:REVIEWS]:
            noise = rng.normal(scale=0.3)
            scores.append(Score(a, int(r), float(quality[a] + offset[r] + noise)))
    return quality, scores


def spearman(estimate, truth):
    ranks = [np.argsort(np.argsort(values)) for values in (estimate, truth)]
    return round(float(np.corrcoef(*ranks)[0, 1]), 4)


def run(n_apps, n_reviewers):
    quality, scores = committee(n_apps, n_reviewers)
    line = {"case": "ranking", "applications": n_apps, "reviewers": n_reviewers}
    started = time.perf_counter()
    least_squares = calibrate(scores, "least_squares")
    line["calibrate_seconds"] = round(time.perf_counter() - started, 2)
    truth = quality[[c.application_id for c in least_squares]]
    line["spearman_raw"] = spearman([c.raw for c in least_squares], truth)
    line["spearman_least_squares"] = spearman([c.calibrated for c in least_squares], truth)
    line["spearman_zscore"] = spearman([c.calibrated for c in calibrate(scores, "zscore")], truth)
    started = time.perf_counter()
    intervals = rank_intervals(scores, samples=200)
    line["intervals_seconds"] = round(time.perf_counter() - started, 2)
    line["seconds"] = round(line["calibrate_seconds"] + line["intervals_seconds"], 2)
    line["median_interval_width"] = float(np.median([i.high - i.low for i in intervals]))
    line["tied_block_at_100"] = tied_block(intervals, NOMINATIONS)
    line["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(line), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["10000x1000"])
    for size in parser.parse_args(argv).sizes:
        n_apps, n_reviewers = (int(part) for part in size.split("x"))
        run(n_apps, n_reviewers)


if __name__ == "__main__":
    main()
