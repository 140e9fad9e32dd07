"""The temporary Prefect server that `newsquotes run` starts before the flow loads."""

import os
import urllib.request

from newsquotes.cli.prefect_server import temporary_server


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


def test_a_server_named_in_a_prefect_profile_is_left_to_prefect(tmp_path, monkeypatch):
    from newsquotes.cli.main import prefect_settings_may_name_a_server

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    assert not prefect_settings_may_name_a_server()
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "profiles.toml").write_text(
        'active = "team"\n[profiles.team]\nPREFECT_API_URL = "http://prefect:4200/api"\n'
    )
    assert prefect_settings_may_name_a_server()


def test_database_migrations_are_checked_until_a_start_has_done_them(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    migrated = []
    for _ in range(3):  # creates the database; migrates it and stamps it; skips the check
        with temporary_server() as server:
            server.wait_ready(timeout=180)
            with urllib.request.urlopen(f"{server.api_url}/flows/filter", data=b"{}") as reply:
                assert reply.status == 200  # the database answers queries
            migrated.append(server.migrated)
    assert migrated == [False, False, True]
    assert server.stamp is not None and server.stamp.exists()
