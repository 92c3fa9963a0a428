"""Assign reviewers to applications: k distinct reviewers each, load caps, conflicts, theme
interests, and balanced loads, solved exactly as a min-cost max-flow.

Plain data in, plain data out; nothing here imports Django. The flow solver is a small
hand-written primal–dual one because the project adds no dependency for it yet; a later
issue swaps in OR-Tools/HiGHS behind a richer signature.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Pair = tuple[Hashable, Hashable]  # (reviewer id, application id)

INTEREST_WEIGHT = 2
_UNREACHABLE = float("inf")


@dataclass(frozen=True)
class Assignment:
    """The full assignment: `pairs` holds the existing pairs and the `added` ones, ordered
    by application then reviewer (in the order given); `short` maps each application that
    could not reach k reviewers to how many it still lacks."""

    pairs: list[Pair]
    short: dict[Hashable, int]
    added: list[Pair]


@dataclass(frozen=True)
class _Problem:
    apps: list[Hashable]
    reviewers: list[Hashable]
    existing: list[tuple[int, int]]  # (application index, reviewer index)
    need: list[int]  # per application: k minus its existing pairs, never below 0
    room: list[int]  # per reviewer: cap minus existing load, never below 0
    load: list[int]  # per reviewer: existing load
    candidates: list[tuple[int, int]]  # allowed new (app, reviewer) pairs, app-major


def assign(
    applications: Sequence[Hashable] | Mapping[Hashable, Hashable | None],
    reviewers: Sequence[Hashable],
    k: int,
    load_cap: int | Mapping[Hashable, int],
    conflicts: Collection[Pair] = (),
    interests: Mapping[Hashable, Collection[Hashable]] | None = None,
    existing: Iterable[Pair] = (),
    *,
    interest_weight: int = INTEREST_WEIGHT,
) -> Assignment:
    """Give each application k distinct reviewers, as many as the constraints allow.

    Inputs: `applications` is a sequence of ids, or a mapping id → theme (None for none);
    `reviewers` a sequence of ids; `load_cap` one cap for all or a cap per reviewer id;
    `conflicts` and `existing` hold (reviewer id, application id) pairs; `interests` maps a
    reviewer id to the themes they declared. Existing pairs are kept, count towards their
    application's k and their reviewer's cap, and must not be conflicted (ValueError).

    Hard constraints, always: no conflicted pair, no reviewer twice on one application, no
    new pair for a reviewer at or above their cap.

    What it optimises, lexicographically:
    1. the number of pairs (a maximum flow), so an application is short only when no
       assignment at all could serve it: k is reached whenever the caps and conflicts
       allow it, which a greedy pass cannot promise;
    2. then the cost Σ_reviewers load·(load − 1)/2 + interest_weight × (new pairs whose
       application's theme the reviewer did not declare). The load term is convex, so
       loads are spread evenly (with no conflicts, interests or existing pairs and one cap,
       loads differ by at most 1); a declared interest is worth `interest_weight` units of
       load: a reviewer who declared the application's theme is preferred while they
       carry fewer than `interest_weight` more applications than an undeclared one.

    Method: primal–dual min-cost flow (Dijkstra with Johnson potentials, then a blocking
    flow along all cheapest paths at once) on the network
    source → application (capacity = need) → reviewer (capacity 1, cost 0 if interested
    else interest_weight) → sink (one unit edge per free slot, the j-th costing j). The
    result is exact; ties between equal-cost optima are settled by the fixed order in which
    the solver explores the input (no randomness), so the same input gives the same output.
    Complexity: each phase costs one Dijkstra, O(E log V), plus one Dinic max-flow on the
    zero-cost edges, O(V²·E) at worst and far less on these near-unit networks, with
    E ≤ |A|·|R| + Σ free slots and V = |A| + |R| + 2; phases are at most the distinct
    cheapest-path costs, few since every edge costs ≤ max(cap, interest_weight). Measured:
    300 applications × 40 reviewers × 3 in 0.5 s, 1,000 × 100 × 3 in 8 s; the 5,000 × 500
    benchmark of the optimiser issue is OR-Tools' job.
    """
    if k < 0 or interest_weight < 0:
        raise ValueError("k and interest_weight must not be negative")
    themes = _themes(applications)
    problem = _problem(themes, list(reviewers), k, load_cap, set(conflicts), existing)
    costs = _costs(problem, themes, interests or {}, interest_weight)
    added = _solve(problem, costs)
    return _result(problem, added, k)


def _themes(
    applications: Sequence[Hashable] | Mapping[Hashable, Hashable | None],
) -> dict[Hashable, Hashable | None]:
    if isinstance(applications, Mapping):
        themes = dict(applications)
    else:
        _require_unique(applications, "application")
        themes = dict.fromkeys(applications)
    return themes


def _problem(
    themes: Mapping[Hashable, Hashable | None],
    reviewers: list[Hashable],
    k: int,
    load_cap: int | Mapping[Hashable, int],
    conflicts: set[Pair],
    existing: Iterable[Pair],
) -> _Problem:
    apps = list(themes)
    _require_unique(reviewers, "reviewer")
    pairs = _existing_pairs(existing, apps, reviewers, conflicts)
    served, load = [0] * len(apps), [0] * len(reviewers)
    for a, r in pairs:
        served[a] += 1
        load[r] += 1
    taken = set(pairs)
    candidates = [
        (a, r)
        for a, app in enumerate(apps)
        for r, reviewer in enumerate(reviewers)
        if (reviewer, app) not in conflicts and (a, r) not in taken
    ]
    caps = _caps(load_cap, reviewers)
    return _Problem(
        apps=apps,
        reviewers=reviewers,
        existing=pairs,
        need=[max(0, k - count) for count in served],
        room=[max(0, cap - held) for cap, held in zip(caps, load, strict=True)],
        load=load,
        candidates=candidates,
    )


def _existing_pairs(
    existing: Iterable[Pair],
    apps: list[Hashable],
    reviewers: list[Hashable],
    conflicts: set[Pair],
) -> list[tuple[int, int]]:
    app_index = {app: a for a, app in enumerate(apps)}
    reviewer_index = {reviewer: r for r, reviewer in enumerate(reviewers)}
    pairs: dict[tuple[int, int], None] = {}  # a dict keeps the first-seen order, deduplicated
    for reviewer, app in existing:
        if app not in app_index or reviewer not in reviewer_index:
            raise ValueError(f"existing pair {(reviewer, app)!r} names an unknown id")
        # Keeping it would break the one rule that is never relaxed; the caller must
        # withdraw the assignment when a conflict is declared after it.
        if (reviewer, app) in conflicts:
            raise ValueError(f"existing pair {(reviewer, app)!r} is declared conflicted")
        pairs[app_index[app], reviewer_index[reviewer]] = None
    return list(pairs)


def _caps(load_cap: int | Mapping[Hashable, int], reviewers: list[Hashable]) -> list[int]:
    if not isinstance(load_cap, Mapping):
        return [load_cap] * len(reviewers)
    missing = [reviewer for reviewer in reviewers if reviewer not in load_cap]
    if missing:
        raise ValueError(f"no load cap for reviewers {missing!r}")
    return [load_cap[reviewer] for reviewer in reviewers]


def _costs(
    problem: _Problem,
    themes: Mapping[Hashable, Hashable | None],
    interests: Mapping[Hashable, Collection[Hashable]],
    interest_weight: int,
) -> list[int]:
    """Per candidate pair: 0 when the reviewer declared the application's theme."""
    costs = []
    for a, r in problem.candidates:
        theme = themes[problem.apps[a]]
        declared = interests.get(problem.reviewers[r], ())
        costs.append(0 if theme is not None and theme in declared else interest_weight)
    return costs


def _solve(problem: _Problem, costs: list[int]) -> list[tuple[int, int]]:
    """The new (application index, reviewer index) pairs of a min-cost max-flow."""
    n_apps, n_reviewers = len(problem.apps), len(problem.reviewers)
    source, sink = 0, n_apps + n_reviewers + 1
    network = _FlowNetwork(sink + 1)
    for a, need in enumerate(problem.need):
        network.add_edge(source, 1 + a, need, 0)
    pair_edges = [
        network.add_edge(1 + a, 1 + n_apps + r, 1, cost)
        for (a, r), cost in zip(problem.candidates, costs, strict=True)
    ]
    offered = [0] * n_reviewers
    for _, r in problem.candidates:
        offered[r] += 1
    for r in range(n_reviewers):
        _add_slots(network, 1 + n_apps + r, sink, problem, r, offered[r])
    network.min_cost_max_flow(source, sink)
    return [pair for pair, e in zip(problem.candidates, pair_edges, strict=True) if network.used(e)]


def _add_slots(
    network: _FlowNetwork, node: int, sink: int, problem: _Problem, r: int, offered: int
) -> None:
    # One unit edge per free slot, the slot that takes the load from j to j + 1 costing j:
    # increasing marginal costs make the total load cost convex, hence balanced loads.
    # A reviewer never needs more slots than applications they could take.
    held = problem.load[r]
    for j in range(held, held + min(problem.room[r], offered)):
        network.add_edge(node, sink, 1, j)


def _result(problem: _Problem, added: list[tuple[int, int]], k: int) -> Assignment:
    def as_pairs(indices: Iterable[tuple[int, int]]) -> list[Pair]:
        return [(problem.reviewers[r], problem.apps[a]) for a, r in sorted(indices)]

    served = [0] * len(problem.apps)
    for a, _ in [*problem.existing, *added]:
        served[a] += 1
    short = {app: k - count for app, count in zip(problem.apps, served, strict=True) if count < k}
    return Assignment(
        pairs=as_pairs([*problem.existing, *added]), short=short, added=as_pairs(added)
    )


def _require_unique(ids: Iterable[Hashable], what: str) -> None:
    seen: set[Hashable] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} {item!r} is listed twice")
        seen.add(item)


class _FlowNetwork:
    """A residual network for min-cost max-flow by the primal–dual method.

    Edge e and its reverse e ^ 1 are stored side by side. Costs must be non-negative, so
    zero potentials are valid at the start and Dijkstra applies on reduced costs."""

    def __init__(self, size: int) -> None:
        self.out: list[list[int]] = [[] for _ in range(size)]
        self.head: list[int] = []
        self.capacity: list[int] = []
        self.cost: list[int] = []

    def add_edge(self, tail: int, head: int, capacity: int, cost: int) -> int:
        """Add tail → head and its empty reverse; return the forward edge's id."""
        for u, v, cap, c in ((tail, head, capacity, cost), (head, tail, 0, -cost)):
            self.out[u].append(len(self.head))
            self.head.append(v)
            self.capacity.append(cap)
            self.cost.append(c)
        return len(self.head) - 2

    def used(self, edge: int) -> int:
        """The flow on a forward edge: what its reverse can now carry back."""
        return self.capacity[edge ^ 1]

    def min_cost_max_flow(self, source: int, sink: int) -> int:
        """Push the maximum flow, always along cheapest paths, so the flow is of minimum
        cost among maximum flows. Returns the flow value.

        Each phase runs Dijkstra once, raises the potentials by the distances (every
        cheapest path then has reduced cost 0 on each edge), and saturates all those
        zero-cost paths at once with a blocking flow, rather than one path per Dijkstra."""
        potential = [0] * len(self.out)
        flow = 0
        while True:
            distance = self._distances(source, potential)
            if distance[sink] == _UNREACHABLE:
                return flow
            # Nodes unreachable now stay unreachable (new residual edges only join reached
            # nodes), so leaving their potential alone keeps every reduced cost ≥ 0.
            for node, d in enumerate(distance):
                if d != _UNREACHABLE:
                    potential[node] += int(d)
            flow += self._saturate_cheapest(source, sink, potential)

    def _reduced(self, edge: int, potential: list[int]) -> int:
        return self.cost[edge] + potential[self.head[edge ^ 1]] - potential[self.head[edge]]

    def _distances(self, source: int, potential: list[int]) -> list[float]:
        distance: list[float] = [_UNREACHABLE] * len(self.out)
        distance[source] = 0
        heap = [(0, source)]  # (distance, node): ties pop by node index, deterministically
        while heap:
            d, u = heapq.heappop(heap)
            if d > distance[u]:
                continue
            for e in self.out[u]:
                v = self.head[e]
                through = d + self._reduced(e, potential)
                if self.capacity[e] > 0 and through < distance[v]:
                    distance[v] = through
                    heapq.heappush(heap, (through, v))
        return distance

    def _saturate_cheapest(self, source: int, sink: int, potential: list[int]) -> int:
        """Dinic's max-flow restricted to edges of reduced cost 0: all cheapest paths."""
        pushed = 0
        while True:
            level = self._levels(source, potential)
            if level[sink] < 0:
                return pushed
            cursor = [0] * len(self.out)
            while path := self._admissible_path(source, sink, level, cursor, potential):
                pushed += self._augment(path)

    def _admissible(self, edge: int, potential: list[int]) -> bool:
        return self.capacity[edge] > 0 and self._reduced(edge, potential) == 0

    def _levels(self, source: int, potential: list[int]) -> list[int]:
        # Hop levels keep the search acyclic even where zero-cost cycles exist.
        level = [-1] * len(self.out)
        level[source] = 0
        queue = deque([source])
        while queue:
            u = queue.popleft()
            for e in self.out[u]:
                v = self.head[e]
                if level[v] < 0 and self._admissible(e, potential):
                    level[v] = level[u] + 1
                    queue.append(v)
        return level

    def _admissible_path(
        self, source: int, sink: int, level: list[int], cursor: list[int], potential: list[int]
    ) -> list[int]:
        """One source → sink path up the levels (iterative: paths can outgrow the recursion
        limit), resuming each node's edge list where the last search left it."""
        path: list[int] = []
        node = source
        while node != sink:
            edges = self.out[node]
            while cursor[node] < len(edges) and not self._leads_on(
                edges[cursor[node]], node, level, potential
            ):
                cursor[node] += 1
            if cursor[node] < len(edges):
                path.append(edges[cursor[node]])
                node = self.head[edges[cursor[node]]]
                continue
            if not path:
                return []
            # A dead end: step back and never try the edge that led here again this round.
            node = self.head[path.pop() ^ 1]
            cursor[node] += 1
        return path

    def _leads_on(self, edge: int, node: int, level: list[int], potential: list[int]) -> bool:
        return level[self.head[edge]] == level[node] + 1 and self._admissible(edge, potential)

    def _augment(self, path: list[int]) -> int:
        amount = min(self.capacity[e] for e in path)
        for e in path:
            self.capacity[e] -= amount
            self.capacity[e ^ 1] += amount
        return amount
