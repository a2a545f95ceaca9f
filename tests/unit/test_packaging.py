"""The package list in pyproject.toml covers every subpackage, so an install is whole."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_for_installation() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "tracker").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_the_linux_desktop_entry_names_the_program_and_icon() -> None:
    from tracker.paths import DESKTOP_FILE_NAME

    entry = ROOT / "packaging" / "linux" / f"{DESKTOP_FILE_NAME}.desktop"
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    fields = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert fields["Type"] == "Application"
    assert fields["Exec"].split()[0] == "tracker"
    assert fields["Icon"] == DESKTOP_FILE_NAME
    assert fields["Terminal"] == "false"
    assert fields["Categories"].endswith(";")


def test_every_resource_is_shipped_installed_and_in_the_packaged_app() -> None:
    # scripts/build_app.py bundles what these patterns match: a resource they miss would
    # be missing from both an installed copy and the packaged app.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["tracker.resources"]
    shipped = {p for pattern in patterns for p in (ROOT / "resources").glob(pattern)}
    resources = {
        p for p in (ROOT / "resources").iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")
    }
    assert resources - shipped == set()
    assert {"findings-cqc-lsr-birmingham-2018.json", "icon.png", "user-guide.md"} <= {
        p.name for p in shipped
    }
