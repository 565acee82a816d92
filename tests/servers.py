"""Real servers for the scale-out tests: a PostgreSQL cluster made with Debian's postgresql package (initdb into a
temporary folder, on a loopback port) and a Chroma server (`chroma run`, from the chromadb package). Each is started
once per test session; a test that needs one and finds it cannot start is skipped with the reason (`make test`
installs postgresql when it is missing, as it does Chromium)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path


class CannotStart(Exception):
    """A server could not be started here; the message says why."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("postgres")
    if which:
        return Path(which).resolve().parent
    raise CannotStart("PostgreSQL's server is not installed (Debian: apt-get install postgresql; `make test` does)")


def _wait_for(ready: Callable[[], bool], proc: subprocess.Popen, what: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise CannotStart(f"{what} did not start within {seconds:.0f} s: {tail}")


@contextlib.contextmanager
def _running(command: list[str], root: Path, ready: Callable[[], bool], what: str,
             env: dict[str, str] | None = None) -> Iterator[None]:
    """A server process, its output logged in `root`, until the block ends; CannotStart, with the log's tail,
    when it is not `ready` within a minute. The process is stopped and `root` removed afterwards."""
    log = root / "log"
    with open(log, "w") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_for(ready, proc, what, log)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A PostgreSQL server for the session; yields the URL of its maintenance database (`database()` makes one
    per test). As root, the cluster belongs to the `postgres` user, as PostgreSQL refuses to run as root."""
    bindir = _postgres_bin()
    root = Path(tempfile.mkdtemp(prefix="eqa-pg-"))
    data = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            raise CannotStart("running as root and there is no 'postgres' user to run PostgreSQL as") from None
        shutil.chown(root, "postgres")
        os.chmod(root, 0o755)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    made = subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "eqa",
                           "--no-sync"], capture_output=True, text=True)
    if made.returncode:
        raise CannotStart(f"initdb failed: {made.stderr.strip()[-1000:]}")
    url = f"postgresql://eqa@127.0.0.1:{port}/postgres"
    with _running([*as_user, str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(root), "-c",
                   "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=300"],
                  root, lambda: _connects(url), "PostgreSQL"):
        yield url


def _connects(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=2).close()
        return True
    except psycopg.OperationalError:
        return False


def database(server_url: str) -> str:
    """A new, empty database on the server: its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@contextlib.contextmanager
def chroma_server() -> Iterator[str]:
    """`chroma run` on a loopback port with its data in a temporary folder; yields its URL."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        raise CannotStart(f"the chromadb package's server command is not installed beside {sys.executable}")
    root = Path(tempfile.mkdtemp(prefix="eqa-chroma-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with _running([str(chroma), "run", "--path", str(root / "data"), "--host", "127.0.0.1", "--port", str(port)],
                  root, lambda: _answers(url + "/api/v2/heartbeat"), "the Chroma server",
                  env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}):
        yield url


def _answers(url: str) -> bool:
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy
        with opener.open(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False
