"""Open a page in headless Chromium (Debian's `chromium`) with the network refused, and
tell what a person would see go wrong: console errors, failed or outside requests, empty
charts. Driven over the Chrome DevTools Protocol with `websockets` (Prefect's dependency).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from websockets.sync.client import connect

WIDTH, MAX_HEIGHT = 1200, 6000
LOCAL = ("file:", "data:", "about:", "chrome:", "devtools:")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Seen:
    """What went wrong while the page loaded, and how many charts drew nothing."""

    problems: list[str] = field(default_factory=list)
    charts: int = 0
    empty_charts: int = 0


@contextmanager
def browser(binary: str):
    """A headless Chromium whose every outside request fails: DNS resolves nothing and the
    proxy is a closed port. Yields the DevTools websocket address of its page."""
    # Chromium's helper processes may still write the profile while it is removed: its
    # cleanup must not fail the test (they are killed with the browser's process group).
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=http://127.0.0.1:9",
                "--disable-background-networking",
                "--disable-component-update",
                f"--window-size={WIDTH},900",
                "about:blank",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            yield _page_socket(Path(profile) / "DevToolsActivePort")
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _page_socket(port_file: Path, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while not port_file.is_file() or not port_file.read_text().strip():
        if time.monotonic() > deadline:
            raise TimeoutError("chromium did not open its DevTools port")
        time.sleep(0.1)
    port = port_file.read_text().split()[0]
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with direct.open(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
        pages = [t for t in json.load(answer) if t["type"] == "page"]
    return pages[0]["webSocketDebuggerUrl"]


class Session:
    """Numbered DevTools commands over one websocket; events are kept as they arrive."""

    def __init__(self, socket):
        self.socket, self.next_id, self.events = socket, 0, []

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            self.events.append(json.loads(self.socket.recv(timeout=deadline - time.monotonic())))


CHARTS = """(() => {
  const charts = [...document.querySelectorAll('svg.chart')];
  return [charts.length, charts.filter(c => !c.querySelector('rect')).length];
})()"""


def open_page(url: str, screenshot: Path) -> Seen:
    """Load `url`, let it settle, count its charts, save a full-page screenshot."""
    binary = chromium()
    assert binary, "chromium is not installed"
    with browser(binary) as address, connect(address, max_size=None) as socket:
        session = Session(socket)
        for domain in ("Runtime", "Log", "Network", "Page"):
            session.send(f"{domain}.enable")
        session.send("Page.navigate", url=url)
        session.wait_for("Page.loadEventFired")
        time.sleep(0.5)  # late requests and console messages
        charts, empty = session.send("Runtime.evaluate", expression=CHARTS, returnByValue=True)[
            "result"
        ]["value"]
        height = session.send(
            "Runtime.evaluate", expression="document.documentElement.scrollHeight"
        )["result"]["value"]
        session.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH, height=min(height, MAX_HEIGHT), deviceScaleFactor=1, mobile=False,
        )  # fmt: skip
        shot = session.send("Page.captureScreenshot", format="png")
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        return Seen(problems(session.events), charts, empty)


def problems(events: list[dict]) -> list[str]:
    """Console errors, uncaught exceptions, failed requests and requests to the network."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            found.append(f"console.{params['type']}: {params['args']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            found.append(f"log: {params['entry']['text']}")
        elif method == "Network.loadingFailed":
            found.append(f"request failed: {params.get('errorText')}")
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(LOCAL):
                found.append(f"request to the network: {url}")
    return found
