"""Cache keys for objects that are unhashable or costly to hash: compared by identity."""

from __future__ import annotations


class Same:
    """Objects compared by identity, so a knowledge or a list of persons can key an lru_cache.

    The cache holds the objects, so their ids cannot be reused while they are cached; an
    object changed in place after caching is not noticed (pass a new one instead).
    """

    def __init__(self, *objects: object) -> None:
        self.objects = objects

    def __hash__(self) -> int:
        return hash(tuple(id(o) for o in self.objects))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and all(
            a is b for a, b in zip(self.objects, other.objects, strict=True)
        )
