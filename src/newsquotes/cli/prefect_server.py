"""A temporary Prefect server for one `newsquotes run`, started before the flow loads.

Without a PREFECT_API_URL Prefect starts this same server itself ("ephemeral" mode: uvicorn
serving `prefect.server.api.server:create_app` in a subprocess), but only once the flow
starts, after the flow's imports, and only after importing the whole server application into
the run's own process (seconds, and memory the run then carries) just to launch it.
Launching the same command first lets the server start while the flow's modules load.

The server also runs every database migration check at start (Alembic loads all of
Prefect's migration scripts: about a second). Once a server of this Prefect version has
started on the default database of this PREFECT_HOME, a stamp file says so and later
servers skip the check.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from newsquotes.processes import die_with_parent

SERVER_APP = "prefect.server.api.server:create_app"
# What Prefect's own temporary server sets: no UI, ephemeral, the last server of the process.
SERVER_ENVIRONMENT = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
STOP_TIMEOUT_SECONDS = 10


class ServerStartError(RuntimeError):
    pass


class TemporaryServer:
    """A Prefect API server subprocess on a free local port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.stamp = _migrated_stamp()
        self.migrated = self.stamp is not None and self.stamp.exists()
        self.answered = False
        self.process = self._launch()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _launch(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "uvicorn", "--factory", SERVER_APP]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--log-level", "error", "--lifespan", "on"]
        environment = os.environ | SERVER_ENVIRONMENT
        if self.migrated:
            environment["PREFECT_SERVER_DATABASE_MIGRATE_ON_START"] = "false"
        return subprocess.Popen(command, env=environment, preexec_fn=die_with_parent)

    def wait_ready(self, timeout: float) -> None:
        """Block until the server answers its health check."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise ServerStartError(
                    f"the temporary Prefect server on port {self.port} exited with code {code}"
                )
            if _healthy(self.api_url):
                self.answered = True
                if self.stamp is not None and not self.migrated:
                    self.stamp.touch()  # this start migrated the database
                return
            time.sleep(0.1)
        raise ServerStartError(
            f"the temporary Prefect server did not answer within {timeout:g} s "
            "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)"
        )

    def stop(self) -> None:
        """Stop the server; one never used (a run with nothing new) is killed at once: it
        would only stop once started (seconds), and holds nothing of the run's."""
        if not self.answered:
            self.process.kill()
            self.process.wait()
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def temporary_server() -> Iterator[TemporaryServer]:
    """Start a server and point PREFECT_API_URL at it until the block ends, then stop it."""
    server = TemporaryServer()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield server
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def prefect_home() -> Path:
    """Where Prefect keeps its profiles and default database."""
    return Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()


def settings_text(path: Path) -> str:
    """A Prefect settings file's text, read without importing Prefect; "" if unreadable."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _migrated_stamp() -> Path | None:
    """The stamp of a migrated default database in PREFECT_HOME for this Prefect version;
    None when the database may be configured elsewhere (then the check always runs)."""
    home = prefect_home()
    settings = [home / "profiles.toml", Path("prefect.toml"), Path(".env")]
    configured = any("DATABASE" in name for name in os.environ if name.startswith("PREFECT_"))
    configured = configured or any("database" in settings_text(p).lower() for p in settings)
    if configured or not (home / "prefect.db").is_file():
        return None
    return home / f".newsquotes-database-migrated-prefect-{metadata.version('prefect')}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
