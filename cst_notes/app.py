"""Start-up: parse the arguments, open the database, then run a command or the GUI."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from cst_notes import COMMAND_NAMES, PROG, __version__
from cst_notes.files import PRIVATE_UMASK
from cst_notes.paths import default_database_path

# The start-up imports only what the GUI needs before its window shows: the CLI, the services
# (and through them SQLite's helpers, the PDF and the crypto libraries) are imported where used
# (tests/test_start_imports.py keeps it so).

# The exit status when there is no display: `make run` tells it from a failure.
NO_DISPLAY_STATUS = 3


def this_command() -> str:
    """How this program was started, as a command that works where it was typed: ``cst-notes``
    when that is on PATH, else the path used (``.venv/bin/cst-notes``), ``python main.py`` or
    ``python -m cst_notes``."""
    started = Path(sys.argv[0])
    if started.name == "__main__.py":
        return f"{shlex.quote(sys.executable)} -m cst_notes"
    if started.suffix == ".py":
        return f"{shlex.quote(sys.executable)} {shlex.quote(str(started))}"
    on_path = shutil.which(started.name)
    if on_path and Path(on_path).resolve() == started.resolve():
        return started.name
    return shlex.quote(str(started))


def no_display_message(db: Path | None) -> str:
    db_arg = f" --db {shlex.quote(str(db))}" if db else ""
    return (
        f"{PROG}: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it on a desktop, "
        f"or without a screen: QT_QPA_PLATFORM=offscreen {this_command()}{db_arg} --screenshot shot.png"
    )


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="CST Notes: clinical notes for craniosacral therapists. Opens the app; "
        f"'{PROG} COMMAND --help' describes the commands {', '.join(COMMAND_NAMES)}.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help=f"the database file (default: {default_database_path()})"
    )
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE.png", help="render the main window offscreen to FILE.png and exit"
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="show the main window with the patient list filled, then exit (for timing the start-up)",
    )
    return parser


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(PRIVATE_UMASK)  # whatever the app or a library creates (journals, temporary files) is private
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMAND_NAMES:
        from cst_notes import cli

        return cli.main(argv)
    args = _gui_parser().parse_args(argv)
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not has_display():
        print(no_display_message(args.db), file=sys.stderr)
        return NO_DISPLAY_STATUS
    db_path = args.db or default_database_path()
    from cst_notes.ui.shell import launch  # Qt is imported only on the GUI path

    if args.screenshot is None:
        return launch.start(db_path, exit_when_ready=args.exit_when_ready)
    from cst_notes.cli import PASSPHRASE_ENV
    from cst_notes.services import Services, StorageError, database_needs_passphrase

    try:
        key = os.environ.get(PASSPHRASE_ENV) if database_needs_passphrase(db_path) else None
        services = Services.open(db_path, key=key)
    except StorageError as exc:
        print(f"cst-notes: {exc}", file=sys.stderr)
        return 1
    try:
        return launch.run(services, db_label=str(db_path), screenshot=args.screenshot)
    finally:
        services.close()
