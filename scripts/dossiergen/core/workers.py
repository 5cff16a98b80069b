"""Work done in other processes: the one place that decides whether forking is safe here.

Both uses hand large inputs (the whole model) to the workers by inheritance, not by pickling:
the work is set aside in this module before the pool forks, and only small arguments and the
results cross between processes. Where forking is unsafe, the work is done at once, in this
process, with the same results.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import multiprocessing
import os
import queue
import threading
import time
import types
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar, cast

A = TypeVar("A")
R = TypeVar("R")

# Work set aside for the forked workers to find: they inherit this module as it was at the fork.
_INHERITED: dict[int, Callable[[Any], Any]] = {}
_keys = itertools.count()


def fork_safe() -> bool:
    """True when forking this process cannot copy a lock held by another thread.

    Under `mkdocs serve` a watcher and a server run in threads: a fork could copy one of
    their locks held, and the child would hang on it. Windows has no fork.
    """
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def worker_count(tasks: int, parallel_from: int) -> int:
    """How many processes to use for `tasks` independent tasks: one below `parallel_from`
    (a worker costs about 50 ms to start) or where forking is unsafe; else up to four."""
    if tasks < parallel_from or not fork_safe():
        return 1
    return min(os.cpu_count() or 1, 4)


@contextlib.contextmanager
def _set_aside(work: Callable[[Any], Any]) -> Iterator[int]:
    """Set `work` aside, under the key yielded, for the processes forked in the block to inherit,
    and keep what it holds (the model) out of their collections: fewer copied pages. After the
    block this process holds no reference to it."""
    key = next(_keys)
    _INHERITED[key] = work
    gc.freeze()
    try:
        yield key
    finally:
        gc.unfreeze()
        del _INHERITED[key]


def _call(key: int, argument: Any) -> Any:
    return _INHERITED[key](argument)


class Forked(Generic[R]):
    """`work(argument)` for each argument, in forked processes (or at once, in this process,
    where forking is unsafe). `results()` waits and returns them in order, raising the first
    worker's exception; `close()` waits for the workers and lets them go."""

    def __init__(self, work: Callable[[A], R], arguments: Sequence[A], processes: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[R]] = []
        self._done: list[R] | None = None
        if processes < 1 or not fork_safe():
            self._done = [work(argument) for argument in arguments]
            return
        with _set_aside(work) as key:
            # With the fork start method every worker is forked at the first submit, before the
            # pool starts its own thread.
            self._pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))
            self._futures = [self._pool.submit(_call, key, argument) for argument in arguments]

    def results(self) -> list[R]:
        if self._done is None:
            try:
                self._done = [future.result() for future in self._futures]
            finally:
                self.close()
        return self._done

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class WorkFailed(Exception):
    """The work done in another process raised, or its process ended before the work did."""


def outcome(work: Callable[[], R]) -> tuple[bool, Any]:
    """(True, what `work` returned) or (False, its failure as "Type: message"): a result that
    crosses from a forked process to this one, where `unwrapped` raises the failure."""
    try:
        return True, work()
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"


def unwrapped(done: tuple[bool, Any]) -> Any:
    """The value of an `outcome`, or WorkFailed with its failure."""
    ok, value = done
    if not ok:
        raise WorkFailed(value)
    return value


class InOrder(Generic[R]):
    """`work(step)` in one forked process, beside this one: the work makes its items in an order
    both sides know, calling step() after each. `wait(n)` returns once the first n are made (how
    long it waited), `result()` waits for work's return value; either raises WorkFailed if the
    work failed. Where forking is unsafe the work is done at once, in this process.

    Progress is a counter in shared memory, not messages: the process never waits for this one
    to read, however far ahead it runs."""

    def __init__(self, work: Callable[[Callable[[], None]], R]) -> None:
        self._process: Any = None
        self._done: tuple[bool, Any] | None = None
        if not fork_safe():
            self._made: Any = types.SimpleNamespace(value=0)
            self._done = outcome(functools.partial(work, functools.partial(_step, self._made)))
            return
        context = multiprocessing.get_context("fork")
        self._made = context.Value("q", 0, lock=False)
        self._reader, writer = context.Pipe(duplex=False)
        with _set_aside(work) as key:  # the work holds the model
            self._process = context.Process(target=_in_order, args=(key, self._made, writer), daemon=True)
            self._process.start()
        writer.close()

    def wait(self, n: int) -> float:
        start = time.perf_counter()
        while self._made.value < n:
            if (self._process is None or not self._process.is_alive()) and self._made.value < n:
                self.result()  # its failure, if it failed
                raise WorkFailed(f"the work ended with {self._made.value} items made, {n} awaited")
            time.sleep(0.002)
        return time.perf_counter() - start

    def made(self, n: int) -> bool:
        """Whether the first n items are made, without waiting (also from another forked process)."""
        return bool(self._made.value >= n)

    def result(self) -> R:
        if self._done is None:
            try:
                self._done = self._reader.recv()
            except EOFError:
                self._process.join()
                self._done = (False, f"its process ended without a result (exit code {self._process.exitcode})")
            self.close()
        return cast(R, unwrapped(self._done))

    def close(self) -> None:
        if self._process is not None:
            if self._done is None:
                self._process.terminate()
            self._process.join()
            self._reader.close()
            self._process = None


def _step(made: Any) -> None:
    made.value += 1


def _in_order(key: int, made: Any, writer: Any) -> None:
    try:
        writer.send((True, _INHERITED[key](functools.partial(_step, made))))
    except BaseException as exc:  # reported to the other side, which raises it as WorkFailed
        writer.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        writer.close()


class FromTheEnd(Generic[R]):
    """Items 0 … n-1, each done once: this process takes them from the first (`take`), one forked
    process does them from the last (`work(i)`, once `ready()`), until the two meet. The claims
    are two numbers in shared memory, under a lock: the first item still free for this process,
    and the lowest the forked process has claimed.

    `take(i)` returns None when item i is this process's to do (the call claims it), or the value
    the forked process made for it. A failure of the forked process, for one item or for good,
    is never raised here: `take` returns None and this process does the item itself. Where
    forking is unsafe, or for fewer than two items, every item is this process's. The forked
    process must change nothing outside itself: `close` may stop it at any moment."""

    def __init__(self, n: int, work: Callable[[int], R], ready: Callable[[], bool]) -> None:
        self._process: Any = None
        self._results: dict[int, tuple[bool, Any]] = {}
        if n < 2 or not fork_safe():
            return
        context = multiprocessing.get_context("fork")
        self._claims: Any = context.Array("q", [0, n], lock=True)  # [first free here, lowest claimed there]
        self._queue: Any = context.Queue()  # its feeder thread sends while the process goes on
        with _set_aside(functools.partial(_from_the_end, n, work, ready, self._claims, self._queue)) as key:
            self._process = context.Process(target=_call, args=(key, None), daemon=True)
            self._process.start()

    def take(self, i: int) -> Any:
        if self._process is None:
            return None
        with self._claims.get_lock():
            if i < self._claims[1]:
                self._claims[0] = max(self._claims[0], i + 1)
                return None
        while i not in self._results:  # claimed over there: the results come, the last item first
            try:
                message = self._queue.get(timeout=1)
            except queue.Empty:
                if self._process.is_alive():
                    continue
                message = None
            if message is None:  # that process ended: what it claimed and did not send is done here
                self.close()
                return None
            self._results[message[0]] = message[1]
        ok, value = self._results.pop(i)
        return value if ok else None

    def close(self) -> None:
        """Stop the forked process, wherever it is, and wait for it to end."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._queue.close()
            self._process = None


def _from_the_end(n: int, work: Callable[[int], Any], ready: Callable[[], bool], claims: Any, results: Any, _argument: None) -> None:
    try:
        while not ready():
            if claims[0] >= n:  # the other side has taken every item
                return
            time.sleep(0.005)
        for j in range(n - 1, -1, -1):
            with claims.get_lock():
                if j < claims[0]:
                    return
                claims[1] = j
            results.put((j, outcome(functools.partial(work, j))))
    finally:
        results.put(None)
