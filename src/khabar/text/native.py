"""The compiled scanning loops (``_scan.c``), when they were built and are not switched off.

``hatch_build.py`` compiles them at install where a C compiler is found; without them khabar
gives the same results in pure Python, more slowly. ``KHABAR_PURE_PYTHON=1`` in the
environment switches them off (to compare the two, or to rule them out).
"""

from __future__ import annotations

import os
from types import ModuleType


def _load() -> ModuleType | None:
    if os.environ.get("KHABAR_PURE_PYTHON"):
        return None
    try:
        from khabar.text import _scan
    except ImportError:
        return None
    return _scan


scan = _load()
