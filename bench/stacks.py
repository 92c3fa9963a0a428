"""Summarise the py-spy stacks that `bench/web.py --profile DIR` records.

    python -m bench.stacks DIR/postgresql-submissions.folded [PATTERN] [--top N]

Prints, for the samples taken while a worker was handling a request, the share of time
spent inside each function (inclusive), keeping those whose name matches PATTERN (by
default the project's own code, database calls and template rendering), then the
functions where the time itself is spent (self).
"""

import argparse
import re
from collections import Counter

DEFAULT_PATTERN = r"jumelage/|execute \(|Template.render \(django/template/base|fetchmany|commit"
LINE_NUMBER = re.compile(r":\d+\)")


def read_stacks(path):
    """(frames, samples) for each sample taken inside a request."""
    with open(path) as folded:
        for line in folded:
            stack, _sep, count = line.rstrip().rpartition(" ")
            frames = [LINE_NUMBER.sub(")", frame) for frame in stack.split(";")]
            if any("handle_request" in frame for frame in frames):
                yield frames, int(count)


def tally(stacks):
    inclusive, own, total = Counter(), Counter(), 0
    for frames, count in stacks:
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    return inclusive, own, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("pattern", nargs="?", default=DEFAULT_PATTERN)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    inclusive, own, total = tally(read_stacks(args.path))
    if not total:
        raise SystemExit("no sample inside a request")
    wanted = re.compile(args.pattern)
    print(f"{total} samples inside requests\n-- inclusive")
    shown = [(frame, n) for frame, n in inclusive.most_common() if wanted.search(frame)]
    for frame, n in shown[: args.top]:
        print(f"{100 * n / total:5.1f}%  {frame}")
    print("-- self")
    for frame, n in own.most_common(args.top // 2):
        print(f"{100 * n / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
