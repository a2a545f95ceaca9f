"""Regression: PySide6 6.12.0 on CPython 3.11 leaked a reference to None on every call of
a void Qt method and died ("none_dealloc") after a few thousand. We pin PySide6 < 6.12 on
3.11 (see pyproject); this runs the crashing pattern in a fresh interpreter so a bad
combination fails here rather than in a lead's hands."""

from __future__ import annotations

import os
import subprocess
import sys

LOOP = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
for _ in range(100_000):
    widget.setWindowTitle("x")
print("ok")
"""


def test_calling_a_void_qt_method_100000_times_does_not_crash() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", LOOP],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
