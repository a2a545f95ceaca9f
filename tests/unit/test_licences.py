"""Help > Licences lists what the app is built from: itself, Python, and its runtime
dependencies with their licences, and nothing that only the tests or the build use."""

from __future__ import annotations

from tracker import __version__
from tracker.licences import QT_NOTE, bundled_components, normalise


def test_the_app_python_and_each_runtime_dependency_are_listed() -> None:
    components = bundled_components()
    names = [normalise(c.name) for c in components]
    assert names[:2] == ["action-plan-tracker", "python"]
    assert components[0].version == __version__
    assert components[0].licence == "MIT"
    assert "Permission is hereby granted" in components[0].text  # the LICENSE file itself
    for runtime in ("sqlalchemy", "sqlmodel", "alembic", "openpyxl", "xlsxwriter",
                    "python-calamine", "platformdirs", "shiboken6"):  # fmt: skip
        assert runtime in names, runtime
    assert any(n.startswith("pyside6") for n in names)
    assert names[2:] == sorted(names[2:], key=str.casefold)


def test_test_and_build_tools_are_not_listed() -> None:
    names = {normalise(c.name) for c in bundled_components()}
    assert not names & {"pytest", "pytest-qt", "hypothesis", "ruff", "pyinstaller"}


def test_qt_says_how_its_lgpl_libraries_are_kept() -> None:
    qt = [c for c in bundled_components() if normalise(c.name).startswith("pyside6")]
    assert qt
    for component in qt:
        assert "LGPL" in component.licence
        assert component.text.startswith(QT_NOTE)
        assert "separate files" in component.text


def test_pythons_own_licence_text_is_shown() -> None:
    python = bundled_components()[1]
    assert python.licence == "PSF-2.0"
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in python.text
