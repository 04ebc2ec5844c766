"""Files errcat writes and reads in the project tree: atomic writes, regular files only, a lock.

Every file errcat writes goes through :func:`write_atomic`: a temporary file beside the target,
flushed and renamed over it, so a reader (or a kill) never meets half a file. The result has the
mode a plain ``open(path, "w")`` would give (``0666`` less the umask, or the mode the file
already had), not the ``0600`` of :func:`tempfile.mkstemp`.

>>> import tempfile
>>> from pathlib import Path
>>> d = Path(tempfile.mkdtemp())
>>> write_atomic(d / "a.json", "{}\\n"), write_atomic(d / "a.json", "{}\\n")
(True, False)
>>> read_regular(d / "a.json")
b'{}\\n'
"""

from __future__ import annotations

import os
import stat

from errcat.errors import ErrcatError

# The runtime reads catalogs with read_regular alone: pathlib, contextlib and fcntl (a few
# milliseconds of `errcat explain`'s start-up) are imported by the writing side, where needed.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

TEMP_SUFFIX = ".tmp"
# Nothing errcat reads from its tree comes near this (the fetch cap is 20 MB, catalogs ~1 MB);
# a symlink to /dev/zero or a runaway file is refused instead of filling memory.
READ_LIMIT = 64 * 1024 * 1024


class TreeError(ErrcatError):
    """A file of the project tree is not a regular file, is too large, or the tree is locked."""


def _temp_name(path: Path) -> str:
    return f".{path.name}."


def _umask() -> int:
    # os.umask can only be read by setting it; the lock (and a single-threaded CLI) keeps this
    # from racing another writer in the same process.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _refuse_special(path: Path) -> os.stat_result | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise TreeError(f"{path}: not a regular file (a FIFO, device or directory); refused")
    return info


def check_writable(path: str | os.PathLike[str]) -> None:
    """:class:`TreeError` unless :func:`write_atomic` could write ``path``: asked before work
    whose result would be lost if it could not (a refresh's report, after its catalogs).

    >>> check_writable("/")
    Traceback (most recent call last):
    errcat.files.TreeError: /: not a regular file (a FIFO, device or directory); refused
    """
    from pathlib import Path

    path = Path(path)
    # (not contextlib.suppress: explain imports this module, and contextlib with it would
    # cost every lookup its import)
    try:  # noqa: SIM105
        _refuse_special(path)
    except NotADirectoryError:
        pass  # named below: which part of the path is a file
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise TreeError(f"{path}: {folder} is not a directory")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TreeError(f"{path}: cannot write in {folder} (permission denied)")


def read_regular(path: str | os.PathLike[str], limit: int = READ_LIMIT) -> bytes:
    """The bytes of a regular file; :class:`TreeError` for a FIFO, a device or a huge file.

    Opened without blocking, so a FIFO is refused instead of waiting for a writer.
    ``FileNotFoundError`` (and other ``OSError``) propagate for the caller to word.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TreeError(f"{path}: not a regular file (a FIFO, device or directory); refused")
        if info.st_size > limit:
            raise TreeError(f"{path}: {info.st_size} bytes, over the {limit} byte limit")
        chunks = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise TreeError(f"{path}: over the {limit} byte limit")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str | bytes) -> bool:
    """Write ``text`` to ``path`` via a temporary file and rename; ``False`` if already identical.

    Readers never see a half-written file, and an unchanged file keeps its mtime. A FIFO or
    device at ``path`` is refused (:class:`TreeError`), never written into or replaced.
    """
    from pathlib import Path

    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    info = _refuse_special(path)
    if info is not None and info.st_size == len(data) and read_regular(path) == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    tmp = path.parent / f"{_temp_name(path)}{os.getpid()}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return True


def _fsync_dir(directory: Path) -> None:
    # The rename is durable only once the directory entry is; a no-op where unsupported.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def clean_temps(directory: Path) -> list[Path]:
    """Remove temporary files a killed write left in ``directory``; the paths removed.

    Only names :func:`write_atomic` makes (``.<name>.<pid>.tmp``) are touched. Call it with the
    tree locked (:func:`locked`), so no live writer's file is taken.
    """
    from pathlib import Path

    removed = []
    try:
        candidates = list(Path(directory).glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for tmp in candidates:
        try:
            if tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            pass
    return removed


def locked(directory: str | os.PathLike[str], what: str = "errcat") -> Lock:
    """Hold an exclusive lock on ``directory`` while in a ``with`` block (``flock`` on the
    directory itself, no file created); :class:`TreeError` at once if another process holds it.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> with locked(d):
    ...     with locked(d, "errcat build"):
    ...         pass
    Traceback (most recent call last):
    ...
    errcat.files.TreeError: /...: another errcat build is running in this tree; try again ...

    >>> with locked(d):  # released
    ...     pass
    """
    return Lock(directory, what)


class Lock:
    """The context manager :func:`locked` returns (a class: contextlib is not imported)."""

    def __init__(self, directory: str | os.PathLike[str], what: str = "errcat") -> None:
        self.directory = directory
        self.what = what
        self.fd: int | None = None

    def __enter__(self) -> None:
        import errno
        import fcntl

        directory = self.directory
        try:
            fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as err:
            raise TreeError(f"{directory}: cannot lock: {err.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            os.close(fd)
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise TreeError(
                    f"{directory}: another {self.what} is running in this tree; try again when "
                    "it ends"
                ) from None
            raise TreeError(f"{directory}: cannot lock: {err.strerror}") from None
        self.fd = fd

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the lock
            self.fd = None


__all__ = ["Lock", "TreeError", "clean_temps", "locked", "read_regular", "write_atomic"]
