"""Answers kept by `iorkg serve` (iorkg.serve.cache): bounded, shared by simultaneous requests,
never an error or an answer marked not to keep."""

from __future__ import annotations

import asyncio

import pytest

from iorkg.serve.cache import Answer, AnswerCache


def _answer(body: bytes, status: int = 200, keep: bool = True) -> Answer:
    return Answer(status, (("content-type", "text/csv"),), body, keep)


def _ask(cache: AnswerCache, key, answer: Answer, calls: list):
    async def compute():
        calls.append(key)
        return answer
    return asyncio.run(cache.answer(key, compute))


def test_a_repeated_request_is_answered_without_asking_again():
    cache, calls = AnswerCache(1000), []
    first = _ask(cache, "q", _answer(b"a,b\n"), calls)
    second = _ask(cache, "q", _answer(b"other"), calls)
    assert calls == ["q"]
    assert first == (_answer(b"a,b\n"), False) and second == (_answer(b"a,b\n"), True)


def test_an_error_answer_is_not_kept():
    cache, calls = AnswerCache(1000), []
    _ask(cache, "q", _answer(b"no", status=502), calls)
    _ask(cache, "q", _answer(b"no", status=502), calls)
    assert calls == ["q", "q"]


def test_an_answer_marked_not_to_keep_is_asked_again():
    cache, calls = AnswerCache(1000), []
    _ask(cache, "q", _answer(b"maybe cut short", keep=False), calls)
    _ask(cache, "q", _answer(b"maybe cut short", keep=False), calls)
    assert calls == ["q", "q"]


def test_the_least_recently_used_answer_leaves_when_the_bound_is_passed():
    cache, calls = AnswerCache(800), []
    for key in ("a", "b", "c"):
        _ask(cache, key, _answer(b"x" * 100), calls)
    _ask(cache, "a", _answer(b"x" * 100), calls)  # "a" used again: "b" is now the oldest
    for key in "defghi":
        _ask(cache, key, _answer(b"x" * 100), calls)
    assert cache.size_bytes <= 800
    calls.clear()
    _ask(cache, "a", _answer(b"x" * 100), calls)
    _ask(cache, "b", _answer(b"x" * 100), calls)
    assert calls == ["b"]


def test_an_answer_over_a_quarter_of_the_bound_is_not_kept():
    cache, calls = AnswerCache(800), []
    _ask(cache, "big", _answer(b"x" * 201), calls)
    assert len(cache) == 0 and cache.size_bytes == 0


def test_a_bound_of_zero_keeps_nothing():
    cache, calls = AnswerCache(0), []
    _ask(cache, "q", _answer(b""), calls)
    _ask(cache, "q", _answer(b""), calls)
    assert calls == ["q", "q"]


def test_simultaneous_requests_share_one_answer():
    cache, calls = AnswerCache(1000), []

    async def compute():
        calls.append("q")
        await asyncio.sleep(0.05)
        return _answer(b"rows")

    async def many():
        return await asyncio.gather(*(cache.answer("q", compute) for _ in range(10)))

    answers = asyncio.run(many())
    assert calls == ["q"]
    assert [hit for _, hit in answers].count(False) == 1
    assert {answer.body for answer, _ in answers} == {b"rows"}


def test_a_failure_reaches_every_waiting_request_and_is_not_kept():
    cache, calls = AnswerCache(1000), []

    async def compute():
        calls.append("q")
        await asyncio.sleep(0.05)
        raise LookupError("engine gone")

    async def many():
        return await asyncio.gather(*(cache.answer("q", compute) for _ in range(3)), return_exceptions=True)

    outcomes = asyncio.run(many())
    assert all(isinstance(o, LookupError) for o in outcomes)
    assert len(cache) == 0
    with pytest.raises(LookupError):
        asyncio.run(cache.answer("q", compute))
    assert calls == ["q", "q"]
