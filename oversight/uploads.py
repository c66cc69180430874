"""Uploaded extracts on disk, for as short a time as possible.

The loader reads files, not memory, so the Data page writes an upload to a fresh temporary
folder (``oversight-upload-*``). The folder holds children's records: it is removed as soon as
it is no longer needed. Three ways, because no one of them is enough:

* :meth:`Staged.discard`, which the page calls after a refused check and after every load;
* a finaliser on the :class:`Staged` object kept in the session's state: when a session ends
  (the tab closes and Streamlit drops the session) the object goes and its folder with it, and
  the same runs when the server process exits normally. Streamlit has no session-end hook; the
  session state being dropped is the one event that always follows the end of a session;
* :func:`sweep` at every upload, for what a killed server left behind: any staged folder older
  than :data:`MAX_AGE` goes (no session keeps a report open that long; if one does, its Load
  button says to upload again).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
import weakref
from collections.abc import Sequence
from pathlib import Path

PREFIX = "oversight-upload-"
MAX_AGE = dt.timedelta(hours=12)
# Streamlit's server.maxUploadSize (.streamlit/config.toml) limits each file; this limits them
# together, so one session cannot fill the temporary folder or the server's memory.
MAX_TOTAL_BYTES = 300 * 1024 * 1024


class TooLarge(ValueError):
    pass


class BadName(ValueError):
    """A file name that cannot be staged: empty, a folder's name, or the profile's own name."""


class Staged:
    """One session's upload on disk. The folder is removed by :meth:`discard`, or when this
    object is garbage collected (the session ended), or at interpreter exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._remove = weakref.finalize(self, shutil.rmtree, str(self.folder), ignore_errors=True)

    def discard(self) -> None:
        self._remove()

    def exists(self) -> bool:
        return self.folder.is_dir()


def stage(files: Sequence[tuple[str, bytes]], profile: bytes | None = None) -> Staged:
    """Write ``(name, bytes)`` files (and a profile, as ``profile.toml``) to a fresh folder.

    Refuses (:class:`TooLarge`) before writing anything when the files together exceed
    :data:`MAX_TOTAL_BYTES`."""
    total = sum(len(content) for _name, content in files) + len(profile or b"")
    if total > MAX_TOTAL_BYTES:
        raise TooLarge(
            f"the files together are {total / 2**20:.0f} MB; uploads are limited to "
            f"{MAX_TOTAL_BYTES / 2**20:.0f} MB. Load an extract this large from the command line "
            "(python -m oversight load PATH)."
        )
    for name, _content in files:
        if Path(name).name in ("", ".", "..", "profile.toml"):
            raise BadName(f"{name!r} is not a file name an extract can hold")
    sweep()
    staged = Staged(Path(tempfile.mkdtemp(prefix=PREFIX)))
    try:
        for name, content in files:
            (staged.folder / Path(name).name).write_bytes(content)
        if profile is not None:
            (staged.folder / "profile.toml").write_bytes(profile)
    except BaseException:
        staged.discard()
        raise
    return staged


def sweep(max_age: dt.timedelta = MAX_AGE, root: Path | None = None) -> int:
    """Remove staged folders older than ``max_age`` in the temporary folder; how many went."""
    root = Path(root or tempfile.gettempdir())
    cutoff = time.time() - max_age.total_seconds()
    removed = 0
    for folder in root.glob(PREFIX + "*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        except OSError:  # another session removed it first
            continue
    return removed
