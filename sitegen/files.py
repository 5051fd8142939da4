"""sitegen's dealings with the file system that must never lose a user's file.

- Writing a file so that a reader never sees half of it: a temporary file beside it,
  then one rename. Content pages, caches and build records all go through here, with
  the permissions of any file the user makes (not mkstemp's 0600).
- The marker a built site carries: sitegen replaces a folder only when it is missing,
  empty, or holds that marker (a site sitegen made); never a folder of the user's.
- One build at a time per project: a lock in the cache folder.
- Which files of a folder may be read: regular files inside it, not links out of it.
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

# the permissions a new file gets from the user's umask (read once: os.umask both reads
# and sets it, which a thread must not do while others create files)
_UMASK = os.umask(0o022)
os.umask(_UMASK)
TMP_PREFIX = ".tmp-"


def atomic_write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)     # a page the user made private stays so
        except OSError:
            mode = 0o666 & ~_UMASK
        os.fchmod(fd, mode)
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(data)
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError) and (exc.filename is None or exc.filename == tmp):
            exc.filename, exc.filename2 = str(path), None    # what failed to be written, said by its name
        raise


def remove_temporary_files(folder: Path, subfolders: tuple[str, ...] = ()) -> list[Path]:
    """The half-written files (atomic_write's, named as mkstemp names them) that a killed
    run left in a folder and the given subfolders of it. Only safe while no other run
    writes there (see project_lock)."""
    removed = []
    for parent in [folder, *(folder / sub for sub in subfolders)]:
        try:
            entries = list(os.scandir(parent))
        except OSError:
            continue
        for e in entries:
            if _TMP_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False):
                os.unlink(e.path)
                removed.append(Path(e.path))
    return removed


_TMP_NAME = re.compile(re.escape(TMP_PREFIX) + r"[a-z0-9_]{8}")


# --------------------------------------------------------------- the site's marker

SITE_MARKER = ".sitegen-site"
SITE_MARKER_TEXT = ("This folder is a site built by sitegen. 'sitegen build' replaces it whole;\n"
                    "sitegen replaces no folder that lacks this file.\n")


def mark_site(folder: Path) -> None:
    (folder / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


def is_marked_site(folder: Path) -> bool:
    return regular_file(folder / SITE_MARKER)


def site_refusal(folder: Path) -> str | None:
    """Why sitegen may not replace this folder with a site, or None: it may replace a
    missing or empty folder, or a site it built (its marker)."""
    if folder.is_symlink():
        return "is a symbolic link; give the folder it points to, or another folder"
    if not folder.exists():
        return None
    if not folder.is_dir():
        return "is a file, not a folder; give a folder for the site"
    if is_marked_site(folder):
        return None
    try:
        empty = next(os.scandir(folder), None) is None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if empty:
        return None
    return (f"holds files that sitegen did not make (no {SITE_MARKER} in it), and building replaces the "
            "whole folder; choose a new or empty folder for the site, or delete this one yourself")


# --------------------------------------------------------------- reading inside a folder

def regular_file(path: Path) -> bool:
    """A regular file itself, not a link, FIFO, socket or device (reading a FIFO waits
    for a writer forever)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def inside(path: Path, folder: Path) -> bool:
    """Is the file path, links followed, inside folder (links followed)?"""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):          # a loop of links
        return False


def readable_file(path: Path, folder: Path) -> bool:
    """May sitegen read this entry of folder as one of its files: a regular file (a link
    to one is followed) that lies inside the folder."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and inside(path, folder)


# --------------------------------------------------------------- one build at a time

LOCK_NAME = "lock"


@contextlib.contextmanager
def project_lock(cache_dir: Path, announce=None):
    """Hold the project's build lock: a second build of the same project waits for the
    first (it says so once through announce) instead of racing it over content/ and
    the site's swap."""
    try:
        import fcntl
    except ImportError:                 # not on POSIX: no lock, as before
        yield
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(cache_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666 & ~_UMASK)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            (announce or _announce)("another sitegen build of this project is running; waiting for it to end")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)                    # releases the lock


def _announce(message: str) -> None:
    print(f"sitegen: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------- one line for an OSError

def os_error_line(exc: OSError) -> str:
    """What a failed write or read says to the person: the file, the system's reason,
    and what to do for the usual causes."""
    where = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or str(exc)
    hint = {errno.ENOSPC: "the disk is full; free some space and build again",
            errno.EDQUOT: "the disk quota is full; free some space and build again",
            errno.EROFS: "the file system is read-only",
            errno.EACCES: "no permission to write there",
            errno.EPERM: "the file system refuses the change (an immutable or protected file?)"}.get(exc.errno)
    return f"{where}{reason}" + (f" ({hint})" if hint else "")
