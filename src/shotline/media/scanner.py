"""The virus-scanner hook: run a configured command over a file and read its exit code.

Invariants:
- The command comes from the administrator (`SHOTLINE_SCAN_COMMAND`), is split like a shell
  would (`shlex`), and runs without a shell; `{path}` in any argument is replaced by the
  file's path (appended as the last argument when absent). A client's file name never
  reaches the command line: the path is a server-made temporary or storage path.
- Exit 0 = clean, 1 = infected (the first line of output names the finding), anything else
  (including a timeout or a command that cannot start) = error. ClamAV's `clamscan` and
  `clamdscan` use exactly these codes.
- `reason` is a short sentence for users; it never holds the file's path.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from shotline.media.models import ScanState

PATH_MARK = "{path}"


@dataclass(frozen=True, slots=True)
class ScanResult:
    state: ScanState
    reason: str | None = None


def command_for(command: str, path: Path) -> list[str]:
    args = shlex.split(command)
    if not args:
        raise ValueError("the scan command is empty")
    if not any(PATH_MARK in a for a in args):
        args.append(PATH_MARK)
    return [a.replace(PATH_MARK, str(path)) for a in args]


def _finding(output: str, path: Path) -> str | None:
    for line in output.splitlines():
        line = line.replace(str(path), "").strip(" :")
        if line:
            return line[:200]
    return None


def scan_file(command: str, path: Path, *, timeout: float = 600.0) -> ScanResult:
    """Run the scanner over `path`; never raises for a scanner failure (state `error`)."""
    try:
        done = subprocess.run(  # noqa: S603  # the administrator's command, no shell
            command_for(command, path),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ScanResult(ScanState.ERROR, f"the virus scan did not finish within {timeout:g} s")
    except OSError as exc:
        return ScanResult(ScanState.ERROR, f"the virus scanner could not start ({exc.strerror})")
    if done.returncode == 0:
        return ScanResult(ScanState.CLEAN)
    if done.returncode == 1:
        finding = _finding(done.stdout, path) or _finding(done.stderr, path)
        reason = "the virus scanner found malware" + (f": {finding}" if finding else "")
        return ScanResult(ScanState.INFECTED, reason)
    return ScanResult(ScanState.ERROR, f"the virus scanner failed (exit code {done.returncode})")
