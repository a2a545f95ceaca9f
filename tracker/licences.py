"""What the app is built from, and under which licences: for Help > Licences.

The packaged app carries each bundled library's metadata (its ``.dist-info`` folder, with
the licence files a wheel ships); run from source, the same metadata is in the
environment. Either way the list is the app's own runtime dependencies, followed down
from its distribution, not whatever else happens to be installed beside it.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from importlib.resources import files
from pathlib import Path

APP_DISTRIBUTION = "action-plan-tracker"

# Requirement strings start with the name; extras and markers follow it.
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_LICENCE_FILE = re.compile(r"(^|[/\\])(LICEN[CS]E|COPYING|NOTICE|AUTHORS)[^/\\]*$", re.I)

PYTHON_LICENCE_FILE = "PYTHON-LICENSE.txt"
PYTHON_LICENCE_URL = "Python's licence is published at https://docs.python.org/3/license.html."

QT_NOTE = (
    "Qt and Qt for Python (PySide6) are used under the GNU Lesser General Public Licence, "
    "version 3. The packaged app keeps Qt's libraries as separate files in its folder, so "
    "they can be replaced with another build of the same version. Qt's source code is "
    "available from https://download.qt.io/official_releases/."
)


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    text: str  # the licence files' text, or a note saying where it is published


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bundled_components() -> list[Component]:
    """The app itself, Python, then the app's runtime dependencies, sorted by name."""
    found = _dependency_closure(APP_DISTRIBUTION)
    own = [_component(d) for d in found if normalise(d.metadata["Name"]) == APP_DISTRIBUTION]
    others = sorted(
        (_component(d) for d in found if normalise(d.metadata["Name"]) != APP_DISTRIBUTION),
        key=lambda c: normalise(c.name),
    )
    return [*own, _python(), *others]


def _dependency_closure(root: str) -> list[metadata.Distribution]:
    found: list[metadata.Distribution] = []
    seen: set[str] = set()
    pending = [root]
    while pending:
        name = normalise(pending.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement whose marker excluded it here, or not bundled
        found.append(dist)
        for requirement in dist.requires or ():
            if "extra" in requirement.partition(";")[2]:
                continue  # optional features the app does not ask for
            match = _REQUIREMENT_NAME.match(requirement)
            if match:
                pending.append(match.group(1))
    return found


def _component(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    name = meta["Name"] or "unknown"
    texts = []
    for file in dist.files or ():
        if _LICENCE_FILE.search(str(file)):
            try:
                texts.append(f"{file.name}\n\n{file.read_text(encoding='utf-8')}")
            except (OSError, UnicodeDecodeError):
                continue
    note = QT_NOTE if normalise(name).startswith(("pyside6", "shiboken6")) else ""
    text = "\n\n".join(t for t in [note, *(texts or [_published(name)])] if t)
    return Component(name, meta["Version"] or "", _licence_name(meta), text)


def _licence_name(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.rsplit("::", 1)[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(classifiers)
    declared = (meta.get("License") or "").strip()
    # Some packages put the whole licence text in this field: keep only its first line.
    return declared.splitlines()[0] if declared else "see its licence text"


def _published(name: str) -> str:
    return f"{name}'s licence is published with its source at https://pypi.org/project/{name}/."


def _python() -> Component:
    version = ".".join(map(str, sys.version_info[:3]))
    # The standard library's folder holds LICENSE.txt in a normal install; the packaged
    # app, which has no such folder, carries a copy among its resources.
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for candidate in (files("tracker.resources") / PYTHON_LICENCE_FILE, stdlib / "LICENSE.txt"):
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8", errors="replace")
            return Component("Python", version, "PSF-2.0", text)
    return Component("Python", version, "PSF-2.0", PYTHON_LICENCE_URL)
