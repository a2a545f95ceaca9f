"""Build the packaged app: ``python scripts/build_app.py`` in the project's environment.

Produces a one-folder application for the platform it runs on (Windows, macOS or Linux)
in ``dist/tracker/``, the program at ``dist/tracker/tracker`` (``tracker.exe`` on
Windows), with PyInstaller. The folder holds the database migrations, the bundled 2018
plan, the icon, and each bundled library's metadata with its licence files (Help >
Licences reads them). Qt's libraries stay separate files in the folder, as the LGPL asks.
On Linux the folder also gets a desktop entry and the icon to install it with.

PyInstaller is needed in the environment: ``pip install -e '.[build]'``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "tracker"
DESKTOP_ENTRY = ROOT / "packaging" / "linux" / "action-plan-tracker.desktop"
ICON_PNG = ROOT / "resources" / "icon.png"
# PyInstaller's own data separator: ';' on Windows, ':' elsewhere.
SEP = os.pathsep
# Big parts of Qt and Python the app never uses: left out to keep the folder small.
EXCLUDED_MODULES = (
    "tkinter",
    "hypothesis",  # pydantic's optional test plugin would pull it in from a test install
    "pytest",
    "_pytest",
    "pydoc_data",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtXml",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="build folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        print("PyInstaller is not installed here: pip install -e '.[build]'", file=sys.stderr)
        return 1

    args.work.mkdir(parents=True, exist_ok=True)
    extras = args.work / "extras"
    extras.mkdir(exist_ok=True)
    icon = make_icon(extras)
    python_licence = extras / "PYTHON-LICENSE.txt"
    shutil.copyfile(Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt", python_licence)

    options = [
        str(ROOT / "packaging" / "entry.py"),
        f"--name={APP_NAME}",
        "--onedir",
        "--console",  # one program for the window and the command line (see README)
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={args.dist}",
        f"--workpath={args.work / 'pyinstaller'}",
        f"--specpath={args.work}",
        *([f"--icon={icon}"] if icon else []),
        # The migrations are read as files by Alembic, so they travel as files.
        f"--add-data={ROOT / 'db' / 'migrations'}{SEP}tracker/migrations",
        # The same resource files an installed copy gets (pyproject.toml's package data).
        *(f"--add-data={path}{SEP}tracker/resources" for path in resource_files()),
        f"--add-data={python_licence}{SEP}tracker/resources",
        # The package from this folder, not through the editable install's import hook,
        # which PyInstaller's analysis cannot follow.
        f"--paths={ROOT}",
        # Every bundled library's .dist-info, licence files included, for Help > Licences.
        "--recursive-copy-metadata=action-plan-tracker",
        *(f"--exclude-module={name}" for name in EXCLUDED_MODULES),
    ]
    pyinstaller.run(options)

    bundle = args.dist / APP_NAME
    if sys.platform.startswith("linux"):
        shutil.copyfile(DESKTOP_ENTRY, bundle / DESKTOP_ENTRY.name)
        shutil.copyfile(ICON_PNG, bundle / "action-plan-tracker.png")
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    program = bundle / (APP_NAME + (".exe" if sys.platform == "win32" else ""))
    print(f"built {program} ({size / 1e6:.0f} MB in {bundle})")
    return 0


def resource_files() -> list[Path]:
    """The files of resources/ that pyproject.toml ships as package data, so the bundle
    and an installed copy hold the same (the plan, findings, statements, guide, icon)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["tracker.resources"]
    found = sorted({path for pattern in patterns for path in (ROOT / "resources").glob(pattern)})
    return [path for path in found if path.is_file()]


def make_icon(folder: Path) -> Path | None:
    """The icon in the format this platform's program files take, made from the PNG."""
    if sys.platform == "win32":
        target = folder / "tracker.ico"
    elif sys.platform == "darwin":
        target = folder / "tracker.icns"
    else:
        return None  # Linux programs carry no icon: the desktop entry names it
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication.instance() or QGuiApplication([])
    if not QImage(str(ICON_PNG)).save(str(target)):
        raise SystemExit(f"could not write the icon {target}")
    del app
    return target


if __name__ == "__main__":
    raise SystemExit(main())
