"""Performance helpers shared by the stages that build large structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large, acyclic structure is built.

    Loading a dataset and indexing its records create hundreds of thousands of small objects
    and no reference cycles; the collector would walk all of them again and again (on the
    200-member benchmark dataset it costs more than half of the loading time). Reference
    counting still frees everything as usual, and the collector is switched back on as it was.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
