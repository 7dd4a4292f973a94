"""Fixtures for the tests and the doctests alike (both test paths sit below this file)."""

from __future__ import annotations

import pytest


@pytest.fixture
def recorded_mallopt(monkeypatch):
    """``clusternet.process_memory`` on a stand-in glibc that records every setting.

    The stand-in's ``mallopt`` accepts everything; the module's state starts unset.
    Returns the list of calls ``(parameter, value)``; the real allocator is never touched.
    """
    import clusternet.process_memory as pm

    calls: list[tuple[int, int]] = []

    class RecordingLibc:
        def mallopt(self, param, value):
            calls.append((param, value))
            return 1

    monkeypatch.setattr(pm, "_kept", False)
    monkeypatch.setattr(pm, "_glibc", lambda: RecordingLibc())
    return calls


@pytest.fixture(autouse=True)
def _process_memory_doctests_on_a_stand_in(request):
    """Run ``clusternet.process_memory``'s Examples on the recording stand-in.

    They call ``keep_freed_memory``; on the stand-in the test process's allocator stays
    as it comes.
    """
    if type(request.node).__name__ == "DoctestItem" and request.node.name.startswith(
        "clusternet.process_memory"
    ):
        request.getfixturevalue("recorded_mallopt")
