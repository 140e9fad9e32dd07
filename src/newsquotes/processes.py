"""Child processes that die with the run that started them.

A run started a Prefect server and worker processes; killing only the run (SIGTERM, or
`kill -9`, which no handler sees) left them running for minutes, holding memory while the
output lock was already free. On Linux each child asks the kernel for SIGTERM when its
parent dies (`PR_SET_PDEATHSIG`); elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Run in a child process (a Popen `preexec_fn`, a process pool's `initializer`).

    `parent`: the pid of the process that started this one. A pool worker runs this only
    after its imports, by when the run may already be dead: then it exits at once.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if parent is not None and os.getppid() != parent:
        os._exit(1)
