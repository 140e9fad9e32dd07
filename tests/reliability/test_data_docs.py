"""Data Docs that cannot be written (a full disk, a blocked folder) are reported by name in
the run summary; the validated tables are still published, and no empty page is linked."""

import subprocess
import sys

from newsquotes.contracts import load_contracts
from newsquotes.output.validation import validate_tables
from newsquotes.run import RunSummary
from newsquotes.run.publishing import record_validation

FULL_DISK = """
import pathlib, resource, signal, sys
from newsquotes.contracts import load_contracts
from newsquotes.output.validation import validate_tables
folder = pathlib.Path(sys.argv[1])
contract = load_contracts()["rejects"]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails like ENOSPC
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
report = validate_tables({"rejects": (contract, contract.to_arrow([]).to_pandas())},
                         folder, folder / "docs", "run1")
print(report.success, report.data_docs_index, report.data_docs_problem, sep="|")
"""


def test_a_disk_that_fills_while_data_docs_are_written_is_reported(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path)], capture_output=True, text=True
    )
    success, index, problem = done.stdout.strip().splitlines()[-1].split("|")
    assert success == "True"  # the tables themselves passed
    assert index == "None"  # no index linked to missing pages
    assert problem == "File too large"


def test_a_blocked_data_docs_folder_is_named_in_the_summary(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "static").write_text("a file where a folder should be")
    contract = load_contracts()["rejects"]
    frame = contract.to_arrow([]).to_pandas()
    report = validate_tables({"rejects": (contract, frame)}, tmp_path, tmp_path / "docs", "r1")

    summary = RunSummary(run_id="r1", output=str(tmp_path))
    record_validation(summary, report)
    assert summary.ok and summary.validation == "passed"
    lines = dict(summary.lines())
    assert lines["data docs"].startswith("NOT written: Not a directory: ")
    assert str(tmp_path / "docs" / "static") in lines["data docs"]
