"""The temporary Prefect server that `newsquotes run` starts before the flow loads."""

import os
import urllib.request

from newsquotes.prefect_server import temporary_server


def test_temporary_server_answers_while_in_use_and_is_stopped_after(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_server() as server:
        assert os.environ["PREFECT_API_URL"] == server.api_url
        server.wait_ready(timeout=180)
        with urllib.request.urlopen(f"{server.api_url}/health", timeout=5) as response:
            assert response.status == 200
    assert server.process.poll() is not None
    assert "PREFECT_API_URL" not in os.environ
