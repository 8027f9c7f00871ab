"""The full kill test (marker ``killtest``, 200 kills) runs only when asked for.

Select it with ``-m killtest`` or ``XKLD_KILLTEST=1``; otherwise it is skipped and the default
suite runs the short kill test only.
"""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = "killtest" in (config.getoption("markexpr") or "") or os.environ.get("XKLD_KILLTEST") == "1"
    if wanted:
        return
    skip = pytest.mark.skip(reason="the 200-kill test runs with -m killtest or XKLD_KILLTEST=1")
    for item in items:
        if item.get_closest_marker("killtest") is not None:
            item.add_marker(skip)
