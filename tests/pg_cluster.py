"""A throwaway PostgreSQL server for the tests: a cluster in a temporary folder.

It uses the server binaries of Debian's ``postgresql`` package (``initdb``, ``pg_ctl``),
listens on a free port of 127.0.0.1 with ``trust`` authentication (nothing outside this
machine can reach it) and is removed at the end of the run. PostgreSQL refuses to run as
root, so when the tests run as root the server runs as the ``postgres`` user.

``TRACKER_TEST_PG=0`` turns the PostgreSQL tests off, ``TRACKER_TEST_PG=1`` makes a
missing server an error instead of a skip; unset, they run wherever the binaries are.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "tracker_test_admin"


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None where PostgreSQL is not installed."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_major, reverse=True)
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    return None


def _major(folder: str) -> int:
    name = Path(folder).parent.name
    return int(name) if name.isdigit() else 0


def unavailable_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    if os.environ.get("TRACKER_TEST_PG") == "0":
        return "PostgreSQL tests turned off (TRACKER_TEST_PG=0)"
    if server_binaries() is None:
        return "PostgreSQL is not installed (no initdb/pg_ctl; apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    """A running throwaway server; ``url(dbname, user)`` addresses one of its databases."""

    folder: Path
    bin: Path
    port: int
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def _command(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return [*prefix, *args]

    def _run(self, *args: str) -> None:
        subprocess.run(self._command(*args), check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            # Speed over crash safety of the machine (never of the server process: a
            # restart test stops it mid-transaction, and commits must survive that).
            "-c fsync=off -c full_page_writes=off",
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        """Stop the server at once (connections dropped mid-transaction) and start it."""
        self.stop("immediate")
        self.start()

    def sql(self, statement: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser (outside a transaction, for CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=dbname, autocommit=True
        ) as connection:
            connection.execute(statement)

    def remove(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """initdb and start a server in a new temporary folder."""
    binaries = server_binaries()
    assert binaries is not None
    run_as = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(folder, binaries, _free_port(), run_as)
    try:
        cluster._run(
            str(binaries / "initdb"),
            "-D",
            str(cluster.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
        )
        cluster.start()
    except BaseException:
        cluster.remove()
        raise
    return cluster


def wait_until_accepting(cluster: Cluster, attempts: int = 100) -> None:
    """Poll until the server accepts connections again (after a restart)."""
    import psycopg

    for _ in range(attempts):
        try:
            cluster.sql("SELECT 1")
            return
        except psycopg.OperationalError:
            time.sleep(0.1)
    raise RuntimeError("the test PostgreSQL server did not come back")
