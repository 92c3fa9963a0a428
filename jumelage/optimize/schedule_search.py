"""Local search for the meeting schedule: ejection chains over the time-indexed model.

Plain data in and out, no Django import. The model is the one of `schedule`: candidates
(a meeting in a slot and venue group) and rows "at most `rhs` of these candidates". A
state is a feasible choice of candidates, at most one per meeting. A move inserts an
unscheduled meeting's candidate, ejecting the chosen candidates that block it (the one
holder of a full row of right-hand side 1; the lightest holder of a full capacity row),
and then re-inserts each ejected meeting elsewhere, itself ejecting at most one other
meeting which must then move directly (a chain of depth two). A move is kept only if it
improves the objective, compared lexicographically: priority parties with a meeting
first, then the total weight. Protected candidates (kept placements) are never ejected.
Deterministic: candidates and meetings are visited in a fixed order.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import numpy as np
from scipy.sparse import csr_matrix

# Holders of a full capacity row tried, lightest first, before giving up on the row.
_CAPACITY_TRIES = 6


class Search:
    def __init__(
        self,
        matrix: csr_matrix,
        rhs: np.ndarray,
        meeting_of: np.ndarray,
        weights: list[int],
        parties: list[tuple[int, ...]],
        priority: frozenset[int],
        protected: set[int],
        already_met: Iterable[int] = (),
    ):
        """`already_met`: the parties of meetings outside the search (fixed ones)."""
        self.rhs = [int(b) for b in rhs]
        transposed = matrix.T.tocsr()
        indices, starts = transposed.indices.tolist(), transposed.indptr.tolist()
        self.rows_of = [indices[starts[c] : starts[c + 1]] for c in range(matrix.shape[1])]
        self.meeting_of = meeting_of.tolist()
        self.weights = weights
        self.parties = parties
        self.priority = priority
        self.protected = protected
        self.candidates_of: list[list[int]] = [[] for _ in parties]
        for c, m in enumerate(self.meeting_of):
            if all(self.rhs[r] > 0 for r in self.rows_of[c]):
                self.candidates_of[m].append(c)
        self.load = [0] * len(self.rhs)
        # Holders of a row of right-hand side 1; of a capacity row, by weight.
        self.holders: list[set[int]] = [set() for _ in self.rhs]
        self.by_weight: list[dict[int, set[int]]] = [{} for _ in self.rhs]
        self.placed: dict[int, int] = {}
        self.count: dict[int, int] = {}
        for q in already_met:
            if q in priority:
                self.count[q] = self.count.get(q, 0) + 1
        self.met = len(self.count)
        possible = {q for m, cs in enumerate(self.candidates_of) if cs for q in parties[m]}
        self.metable = len((possible | set(self.count)) & priority)
        self.weight = 0
        self.journal: list[tuple[bool, int]] = []

    # State changes, recorded in the journal so that a move can be undone.

    def add(self, c: int) -> None:
        m = self.meeting_of[c]
        for r in self.rows_of[c]:
            self.load[r] += 1
            if self.rhs[r] == 1:
                self.holders[r].add(c)
            else:
                self.by_weight[r].setdefault(self.weights[m], set()).add(c)
        self.placed[m] = c
        self.weight += self.weights[m]
        for q in self.parties[m]:
            if q in self.priority:
                self.count[q] = self.count.get(q, 0) + 1
                if self.count[q] == 1:
                    self.met += 1
        self.journal.append((True, c))

    def remove(self, c: int) -> None:
        m = self.meeting_of[c]
        for r in self.rows_of[c]:
            self.load[r] -= 1
            if self.rhs[r] == 1:
                self.holders[r].discard(c)
            else:
                self.by_weight[r][self.weights[m]].discard(c)
        del self.placed[m]
        self.weight -= self.weights[m]
        for q in self.parties[m]:
            if q in self.priority:
                self.count[q] -= 1
                if self.count[q] == 0:
                    self.met -= 1
        self.journal.append((False, c))

    def undo(self, mark: int) -> None:
        while len(self.journal) > mark:
            added, c = self.journal.pop()
            if added:
                self.remove(c)
            else:
                self.add(c)
            self.journal.pop()

    def fits(self, c: int) -> bool:
        load, rhs = self.load, self.rhs
        return all(load[r] < rhs[r] for r in self.rows_of[c])

    def score(self) -> tuple[int, int]:
        return self.met, self.weight

    # Moves.

    def start(self, chosen) -> None:
        for c in chosen:
            if self.meeting_of[c] not in self.placed and self.fits(c):
                self.add(c)
        self.journal.clear()

    def _eject_for(self, c: int, touched: set[int]) -> bool:
        """Eject what blocks candidate c; False (nothing undone) if a protected or
        already moved candidate is in the way."""
        for r in self.rows_of[c]:
            if self.load[r] < self.rhs[r]:
                continue
            if self.rhs[r] == 1:
                (b,) = self.holders[r]
                if not self._ejectable(b, touched):
                    return False
                self.remove(b)
                continue
            tries = self._lightest(r, touched)
            if not tries:
                return False
            pick = next((b for b in tries if self._movable(b)), tries[0])
            self.remove(pick)
        return True

    def _lightest(self, r: int, touched: set[int]) -> list[int]:
        """Up to _CAPACITY_TRIES ejectable holders of capacity row r, lightest first."""
        tries: list[int] = []
        buckets = self.by_weight[r]
        for weight in sorted(buckets):
            for b in buckets[weight]:
                if self._ejectable(b, touched):
                    tries.append(b)
                    if len(tries) == _CAPACITY_TRIES:
                        return tries
        return tries

    def _single_blocker(self, c: int) -> int | None:
        """The one chosen candidate whose removal would let c in, if there is one (a
        full capacity row has no single one)."""
        load, rhs, holders = self.load, self.rhs, self.holders
        blocker = None
        for r in self.rows_of[c]:
            if load[r] < rhs[r]:
                continue
            if rhs[r] != 1:
                return None
            (b,) = holders[r]
            if blocker is not None and b != blocker:
                return None
            blocker = b
        return blocker

    def _ejectable(self, b: int, touched: set[int]) -> bool:
        return b not in self.protected and self.meeting_of[b] not in touched

    def _movable(self, b: int) -> bool:
        m = self.meeting_of[b]
        return any(c != b and self._fits_without(c, b) for c in self.candidates_of[m])

    def _fits_without(self, c: int, b: int) -> bool:
        rows_b = self.rows_of[b]
        load, rhs = self.load, self.rhs
        return all(load[r] - (r in rows_b) < rhs[r] for r in self.rows_of[c])

    def _relocate(self, m: int, depth: int, touched: set[int]) -> bool:
        """Place meeting m again: directly, or (depth > 0) ejecting one unprotected
        meeting that must itself move directly."""
        for c in self.candidates_of[m]:
            if self.fits(c):
                self.add(c)
                return True
        if depth == 0:
            return False
        for c in self.candidates_of[m]:
            b = self._single_blocker(c)
            if b is None:
                continue
            d = self.meeting_of[b]
            if b in self.protected or d in touched:
                continue
            mark = len(self.journal)
            self.remove(b)
            if not self.fits(c):
                self.undo(mark)
                continue
            self.add(c)
            touched.add(d)
            if self._relocate(d, depth - 1, touched):
                return True
            touched.discard(d)
            self.undo(mark)
        return self._swap_in(m, depth, touched)

    def _swap_in(self, m: int, depth: int, touched: set[int]) -> bool:
        """Place meeting m where only a full capacity row stops it, ejecting that row's
        lightest holder, which moves directly if it can and is otherwise dropped (only
        if lighter than m: else leaving m out loses less)."""
        fallback = None
        for c in self.candidates_of[m]:
            full = [r for r in self.rows_of[c] if self.load[r] >= self.rhs[r]]
            if not full or any(self.rhs[r] == 1 for r in full):
                continue
            mark = len(self.journal)
            if not self._eject_for(c, touched) or not self.fits(c):
                self.undo(mark)
                continue
            ejected = [b for added, b in self.journal[mark:] if not added]
            self.add(c)
            if len(ejected) == 1:
                d = self.meeting_of[ejected[0]]
                touched.add(d)
                if self._relocate(d, depth - 1, touched):
                    return True
                touched.discard(d)
                lost = self.weights[d]
                if lost < self.weights[m] and (fallback is None or lost < fallback[0]):
                    fallback = (lost, c)
            self.undo(mark)
        if fallback is None:
            return False
        self._eject_for(fallback[1], touched)
        self.add(fallback[1])
        return True

    def try_insert(self, m: int) -> bool:
        """The best-first improving move that schedules meeting m, if any (kept)."""
        before = self.score()
        for c in self.candidates_of[m]:
            mark = len(self.journal)
            touched = {m}
            if not self._eject_for(c, touched):
                self.undo(mark)
                continue
            ejected = [cc for added, cc in self.journal[mark:] if not added]
            if not self.fits(c):
                self.undo(mark)
                continue
            self.add(c)
            for b in sorted(ejected, key=lambda b: -self.weights[self.meeting_of[b]]):
                d = self.meeting_of[b]
                touched.add(d)
                self._relocate(d, 1, touched)
            if self.score() > before:
                self.journal.clear()
                return True
            self.undo(mark)
        return False

    def improve(self, deadline: float, sweeps: list[list[int]], ceiling: int) -> int:
        """Sweeps over the unscheduled meetings of each list in turn, each list again
        until a sweep of it improves nothing, until the deadline passes or the weight
        reaches `ceiling` with every priority party that can be met met; returns the
        moves kept."""
        kept = 0
        for order in sweeps:
            progress = 1
            while progress:
                progress = 0
                for i, m in enumerate(order):
                    if i % 64 == 0 and (
                        time.monotonic() >= deadline
                        or (self.weight >= ceiling and self.met >= self.metable)
                    ):
                        return kept + progress
                    if m not in self.placed and self.candidates_of[m] and self.try_insert(m):
                        progress += 1
                kept += progress
        return kept

    def chosen(self) -> list[int]:
        return sorted(self.placed.values())
