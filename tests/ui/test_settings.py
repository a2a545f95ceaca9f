"""Per-machine settings: kept in QSettings (a temporary file here), read back typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from tracker.ui.settings import MAX_RECENT, Settings


def fresh(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_values_survive_a_new_settings_object(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    settings.user_name = "  Pip   Mayo "
    settings.last_tab = "Enablers"
    settings.geometry = QByteArray(b"\x01\x02geometry")
    settings.splitter_state = QByteArray(b"splitter")
    settings.last_folder = tmp_path
    settings.sync()
    again = fresh(tmp_path)
    assert again.user_name == "Pip Mayo"
    assert again.last_tab == "Enablers"
    assert again.geometry == QByteArray(b"\x01\x02geometry")
    assert again.splitter_state == QByteArray(b"splitter")
    assert again.last_folder == tmp_path
    assert again.window_state is None


def test_recent_files_newest_first_without_repeats(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    assert settings.recent_files == []
    paths = [tmp_path / f"db{i}.sqlite3" for i in range(MAX_RECENT + 2)]
    for path in paths:
        settings.add_recent_file(path)
    settings.add_recent_file(paths[3])
    recent = fresh(tmp_path).recent_files
    assert recent[0] == paths[3].resolve()
    assert len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT
    settings.remove_recent_file(paths[3].resolve())
    assert paths[3].resolve() not in settings.recent_files
    settings.add_recent_file(paths[0])
    assert settings.recent_files[0] == paths[0].resolve()


def test_tests_never_touch_the_users_settings(tmp_path: Path) -> None:
    # The autouse fixture points every default QSettings into this test's folder.
    store = QSettings()
    assert str(tmp_path) in store.fileName()
