"""Writing files so that a reader never sees half of one, and saying plainly why not.

Every file `meetings` writes (feeds, pages, papers, JSON, reports, exports) goes through
`write_atomic`: the bytes go to a temporary file in the same folder, are flushed to the disk
(fsync), and the temporary file is renamed over the target (`os.replace`, atomic on POSIX and
Windows within one file system). A crash, a full disk or a killed process leaves the old file
or the new one, never a mixture, and a web server publishing the folder never serves a
truncated feed. The errors a person can fix (no such folder, no permission, a name too long
or not encodable, a full disk) become a `MeetingsError` naming the file and the reason.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import tempfile
from pathlib import Path

from meetings.errors import MeetingsError

_REASONS = {
    errno.ENAMETOOLONG: "the file name is too long for this file system",
    errno.ENOENT: "there is no such folder; create it first",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder; give a file name",
    errno.EACCES: "permission denied: this folder cannot be written",
    errno.EPERM: "permission denied: this folder cannot be written",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
}


def reason(exc: OSError | UnicodeError) -> str:
    """Why a file could not be written or read, in words a person can act on."""
    if isinstance(exc, UnicodeError):
        return "the file name cannot be encoded for this file system; use plain letters"
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


# POSIX NAME_MAX on the file systems councils use (ext4, NTFS, APFS): bytes per name.
NAME_MAX = 255


def check_path(path: str | Path, *, label: str = "") -> Path:
    """`path`, if the file system can hold its name: each part at most NAME_MAX bytes and
    encodable; else a MeetingsError saying which."""
    target = Path(path)
    if "\x00" in str(target):
        raise MeetingsError(
            f"{label or repr(str(target))}: a file name cannot hold a NUL character"
        )
    try:
        parts = [os.fsencode(part) for part in target.parts]
    except UnicodeError as exc:
        raise MeetingsError(f"{label or target}: {reason(exc)}") from exc
    if any(len(part) > NAME_MAX for part in parts):
        message = f"a name in it is longer than {NAME_MAX} bytes, too long for the file system"
        raise MeetingsError(f"{label or str(target)[:80]}: {message}")
    return target


def make_folder(folder: str | Path, *, label: str = "") -> Path:
    """Create `folder` (and its parents) when missing; MeetingsError when it cannot be."""
    path = check_path(folder, label=label)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise MeetingsError(f"{label or path}: is a file, not a folder") from None
    except (OSError, UnicodeError) as exc:
        raise MeetingsError(f"{label or path}: cannot create the folder: {reason(exc)}") from exc
    return path


def write_atomic(path: str | Path, data: bytes | str, *, label: str = "") -> Path:
    """Write `data` (text as UTF-8) to `path` all at once: a temporary file in the same
    folder, fsync, then `os.replace`. `label` names the file in errors (e.g. "-o out.pdf").
    The file keeps the permissions a newly created file would get (the umask)."""
    name = label or str(path)
    target = check_path(path, label=name)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.is_dir():
        raise MeetingsError(f"{name}: cannot write: {_REASONS[errno.EISDIR]}")
    folder = target.parent
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:50]}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
        temp = None
    except (OSError, UnicodeError) as exc:
        raise MeetingsError(f"{name}: cannot write: {reason(exc)}") from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _sync_folder(folder)
    return target


@functools.cache
def _umask() -> int:
    # Read once, by setting and restoring: the only way the standard library offers.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush the rename itself to the disk (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
