"""A small in-process cache with a size bound and a time to live.

The long-lived verifier remembers things computed from what requests carry (caIssuers
answers, the algorithm findings of a signature's algorithm identifiers).  A plain dict of
those grows with every distinct value a caller invents; this one keeps at most ``max_items``
(least recently used out first) and forgets each entry after ``ttl`` seconds, so an answer
that was wrong for a while (a CA's host down) is asked again.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    def __init__(
        self, max_items: int, ttl: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_items = max_items
        self.ttl = ttl
        self._clock = clock
        self._items: OrderedDict[K, tuple[V, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        found = self._items.get(key)
        if found is None:
            return None
        value, expires = found
        if expires <= self._clock():
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return value

    def set(self, key: K, value: V, ttl: float | None = None) -> None:
        expires = self._clock() + (self.ttl if ttl is None else ttl)
        self._items[key] = (value, expires)
        self._items.move_to_end(key)
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()
