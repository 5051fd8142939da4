"""`sitegen serve` started as a user starts it (a subprocess on 127.0.0.1), for the
tests that meet the preview from outside: tests/test_browser.py, tests/test_serve.py."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_project(root: Path, base_url: str) -> Path:
    shutil.copytree(FIXTURES / "articles", root / "seeds")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "sitegen.yaml").write_text(f"title: Essai\nbase_url: {base_url}\n", encoding="utf-8")
    return root


class Served:
    """The preview of project, once it answers at its base path; env replaces the
    environment of the process (e.g. a TMPDIR of the test's own)."""

    def __init__(self, project: Path, base_path: str, env: dict[str, str] | None = None):
        self.project, self.port = project, free_port()
        self.url = f"http://127.0.0.1:{self.port}{base_path}"
        self.log = open(project / "serve.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--port", str(self.port)],
                                     cwd=project, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
            if self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError("sitegen serve did not start:\n" + (project / "serve.log").read_text())

    def stop(self) -> int | None:
        """Stop it as a process manager does (SIGTERM); its exit status, None if it had
        to be killed."""
        self.proc.terminate()
        try:
            status = self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = None
        self.log.close()
        return status
