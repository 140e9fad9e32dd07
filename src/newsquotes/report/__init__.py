"""The report: one self-contained HTML page of what a published run says, offline."""

from newsquotes.report.build import (
    NoPublishedRun,
    Reported,
    build_report,
    publish_report,
    record_run,
    report_path,
    report_run,
    top_speakers,
    write_report,
)

__all__ = [
    "NoPublishedRun",
    "Reported",
    "build_report",
    "publish_report",
    "record_run",
    "report_path",
    "report_run",
    "top_speakers",
    "write_report",
]
