"""Answers kept for the life of a server: the store behind `iorkg serve` is read-only and never
changes while it is served, so the same request always has the same answer.

Bounded by total bytes (least recently used answers leave first); an answer larger than a
quarter of the bound is not kept. Requests for an answer that is being computed wait for it
instead of asking the engine again.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Hashable


@dataclass(frozen=True)
class Answer:
    """An HTTP answer as the front application sends it on."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    keep: bool = True  # False: send it, but do not keep it (an error, or a query the engine may have cut short)


@dataclass
class AnswerCache:
    """Answers by request, at most `max_bytes` of bodies in all (0 keeps nothing)."""

    max_bytes: int = 128 * 2**20
    hits: int = 0
    misses: int = 0
    _answers: "OrderedDict[Hashable, Answer]" = field(default_factory=OrderedDict)
    _bytes: int = 0
    _pending: dict = field(default_factory=dict)

    @property
    def size_bytes(self) -> int:
        """Bytes of bodies kept now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._answers)

    async def answer(self, key: Hashable, compute: Callable[[], Awaitable[Answer]]) -> tuple[Answer, bool]:
        """The answer for `key` and whether it was already kept (or on its way): else the one
        `compute` gives, kept when it may be."""
        if key in self._answers:
            self.hits += 1
            self._answers.move_to_end(key)
            return self._answers[key], True
        if key in self._pending:  # the same request is on its way to the engine: share its answer
            self.hits += 1
            return await asyncio.shield(self._pending[key]), True
        self.misses += 1
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            result = await compute()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # marked as retrieved: nobody may be waiting
            raise
        finally:
            self._pending.pop(key, None)
        future.set_result(result)
        self._keep(key, result)
        return result, False

    def _keep(self, key: Hashable, result: Answer) -> None:
        size = len(result.body)
        if not result.keep or result.status != 200 or self.max_bytes <= 0 or size > self.max_bytes // 4:
            return
        self._answers[key] = result
        self._bytes += size
        while self._bytes > self.max_bytes and self._answers:
            _, old = self._answers.popitem(last=False)
            self._bytes -= len(old.body)
