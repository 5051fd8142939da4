#!/usr/bin/env python3
"""Set-up and everyday commands, with nothing but Python 3.11 and pip on the machine.

    python3 dev.py build     # create .venv if needed, install sitegen + model, build seeds/ -> public/
    python3 dev.py test      # the same set-up (and Debian's chromium and a Java runtime, for the
                             # browser tests and the HTML validator), then the whole test suite
    python3 dev.py serve     # live preview on http://127.0.0.1:8000/

Extra arguments go to the underlying command (sitegen or pytest).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".sitegen-installed"


def run(*cmd: str | Path) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT)
    if result.returncode:
        sys.exit(result.returncode)


def ensure_env() -> None:
    """A virtual environment with sitegen, its pinned dependencies and the model.
    Re-installs only when pyproject.toml changed since the last install."""
    if sys.version_info < (3, 11):
        sys.exit(f"sitegen needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    if not (BIN / "python").exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("dev.py: installing sitegen and its dependencies into .venv", flush=True)
        run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            "-e", f"{ROOT}[test]")
        STAMP.write_text(wanted)


# What the tests need from the system: a real browser and Java (for the Nu HTML Checker).
SYSTEM_NEEDS = {"chromium": "chromium", "java": "default-jre-headless"}


def ensure_system() -> None:
    """Install Debian's chromium and a Java runtime when missing (as root, with apt-get);
    otherwise say what to install."""
    missing = [pkg for cmd, pkg in SYSTEM_NEEDS.items() if not shutil.which(cmd)]
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"dev.py: installing {' '.join(missing)} with apt-get", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        result = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)
        if result.returncode == 0:
            return
    sys.exit(f"dev.py: the tests need {', '.join(missing)} (Debian packages); install them and run again")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("build", "test", "serve", "setup"):
        sys.exit(__doc__)
    command, rest = argv[0], argv[1:]
    ensure_env()
    if command == "build":
        run(BIN / "sitegen", "build", *rest)
    elif command == "serve":
        run(BIN / "sitegen", "serve", *rest)
    elif command == "test":
        ensure_system()
        run(BIN / "python", "-m", "pytest", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
