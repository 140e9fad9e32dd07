"""`newsquotes run --field`: a bad mapping is refused before any run starts."""

import subprocess
import sys

from newsquotes.settings import PROJECT_ROOT


def test_bad_field_mapping_is_refused_with_the_reason(tmp_path):
    command = [sys.executable, "-m", "newsquotes.cli", "run", str(PROJECT_ROOT / "seeds")]
    command += ["--output", str(tmp_path / "out"), "--field", "body"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "--field: field mapping 'body' is not NAME=INPUT_FIELD" in result.stderr
    assert not (tmp_path / "out").exists()
