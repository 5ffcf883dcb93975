"""The headless commands: ``cst-notes COMMAND``. Errors go to stderr, never as a traceback."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from cst_notes import COMMAND_NAMES, PROG, __version__, reports
from cst_notes.domain import access, keys, record_format
from cst_notes.domain import vocabulary as V
from cst_notes.domain.access import Can
from cst_notes.domain.clinic import CLINIC_PASSWORD_ENV
from cst_notes.domain.damage import DamagedRecord
from cst_notes.domain.disclosure import Disclosure
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import ValidationError
from cst_notes.files import make_private_folder, write_atomically
from cst_notes.services import (
    LockedError,
    NotAllowedError,
    NotFoundError,
    Services,
    StorageError,
    cores,
    database_needs_passphrase,
    document_file_name,
    encrypt_database,
    has_keyring,
    restore_backup,
)

MAX_ERRORS_SHOWN = 20
PASSPHRASE_ENV = "CST_NOTES_PASSPHRASE"


class CommandError(Exception):
    """A failure to report in one line, exit status 1."""


class Offline(CommandError):
    """The clinic server did not answer: working offline is normal, nothing was lost: exit status
    ``OFFLINE_EXIT``, the message calm, never a traceback."""


OFFLINE_EXIT = 3


class SignInMissing(CommandError):
    """The practice needs to know who acts and the command was not told: exit status 2, nothing changed."""


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, type=Path, metavar="PATH", help="the database file")


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("0 is not a positive number")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="CST Notes: clinical notes for craniosacral therapists. "
        "Without a command it opens the app; the commands below work without a screen.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "demo",
        help="fill a new database with a realistic demo clinic",
        description="Fill an empty database with a deterministic demo clinic: names in Latin, "
        "Bengali and Devanagari script, children with guardians, intakes, sessions and plans.",
    )
    _db_arg(p)
    p.add_argument("--patients", type=_non_negative, default=40, metavar="N", help="how many patients (default 40)")
    p.add_argument("--sessions", type=_non_negative, default=12, metavar="N", help="sessions per patient (default 12)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed; the same seed gives the same clinic")

    p = sub.add_parser(
        "check",
        help="check the database's integrity and schema version",
        description="Run SQLite's integrity and foreign-key checks, read the schema version and every "
        "stored record, check each signature and the search indexes. Prints ok and exits 0, or says "
        "what is wrong and exits 1. Never changes the file, unless --repair-index is given.",
    )
    _db_arg(p)
    p.add_argument(
        "--repair-index",
        action="store_true",
        help="first rebuild each damaged search index from the records (audited; the records are not changed)",
    )

    p = sub.add_parser(
        "backup",
        help="make a verified backup copy",
        description="Copy the database with SQLite's online backup API, then check the copy.",
    )
    _db_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the backup file to create")

    p = sub.add_parser(
        "export",
        help="export records to a JSON file",
        description="Write the whole record (or one patient's) in the CST Notes JSON format, "
        "described by resources/cst-notes-export.schema.json.",
    )
    _db_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.json", help="the JSON file to write")
    p.add_argument("--patient", type=_non_negative, metavar="ID", help="only this patient (default: everyone)")

    p = sub.add_parser(
        "import",
        help="import records from a JSON file",
        description="Check the whole file first; then add all of it, or nothing.",
    )
    _db_arg(p)
    p.add_argument("file", type=Path, metavar="FILE.json", help="a file written by cst-notes export")
    p.add_argument("-q", "--quiet", action="store_true", help="do not show progress (shown for large files)")

    p = sub.add_parser(
        "restore",
        help="replace the database with a backup",
        description="Check the backup, move the current database aside (it is never deleted), "
        "and put a copy of the backup in its place. An encrypted database stays encrypted: a plain "
        "backup is encrypted with its passphrase as it is restored. Close the app first.",
    )
    _db_arg(p)
    p.add_argument("file", type=Path, metavar="BACKUP", help="a backup made by cst-notes or the app")

    p = sub.add_parser(
        "encrypt",
        help="encrypt the database and its backups with a passphrase",
        description="Encrypt the database with SQLCipher, in place, and every copy CST Notes made of it "
        "(its backups folder; the files set aside before a migration, by a restore, or as damaged), and "
        "list them. Copies saved elsewhere (backup --out, exports) are not touched. The passphrase is read "
        f"from {PASSPHRASE_ENV}, or asked for twice. Close the app first. Without the passphrase the "
        "records cannot be read: keep it safe.",
    )
    _db_arg(p)

    p = sub.add_parser(
        "retention",
        help="list records past their retention date",
        description="List patients whose records have passed their retention date (by default "
        "10 years after the last visit; for a minor, 10 years after turning 18). Nothing is deleted.",
    )
    _db_arg(p)

    p = sub.add_parser(
        "export-pdf",
        help="write PDF documents for one patient or for everyone",
        description="Write a session summary (default: the latest session), a progress report "
        "or an intake summary as PDF. With --all, one file per patient into --out-dir. Private notes "
        "and the SOAP assessment are left out unless asked for.",
    )
    _db_arg(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--patient", type=_non_negative, metavar="ID", help="the patient")
    who.add_argument("--all", action="store_true", help="every patient (needs --out-dir)")
    p.add_argument("--kind", required=True, choices=reports.kinds(), help="which document")
    p.add_argument("--session", type=_non_negative, metavar="ID", help="for a summary: the session (default latest)")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="the PDF to write (one patient)")
    p.add_argument("--out-dir", type=Path, metavar="DIR", help="the folder to write into (one file per patient)")
    p.add_argument("--include-private-notes", action="store_true", help="print the sessions' private notes")
    p.add_argument("--include-assessment", action="store_true", help="print the SOAP assessment")
    p.add_argument(
        "--language",
        choices=V.DOCUMENT_LANGUAGES.codes,
        help="the documents' language, for every patient written (default: each patient's own)",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help=f"with --all: render on N cores at once (default: all this machine's, here {cores()})",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="with --all: do not show progress (shown on a terminal)")

    p = sub.add_parser(
        "patient-copy",
        help="a patient's whole record as PDF plus the JSON file",
        description="Write the patient's whole clinical record as a PDF and as a JSON file (the "
        "export format) into a folder, for the patient or another practitioner. The sessions' private "
        "notes and SOAP assessments are left out of both files unless asked for; a JSON file with "
        "fields left out says so and cannot be imported as the practice's records.",
    )
    _db_arg(p)
    p.add_argument("--patient", required=True, type=_non_negative, metavar="ID", help="the patient")
    p.add_argument("--out-dir", required=True, type=Path, metavar="DIR", help="the folder to write into")
    p.add_argument("--include-private-notes", action="store_true", help="include the private notes (PDF and JSON)")
    p.add_argument("--include-assessment", action="store_true", help="include the SOAP assessments (PDF and JSON)")
    _practitioner_parser(sub)
    _clinic_parser(sub)
    _sync_parser(sub)
    return parser


# --- practitioners ------------------------------------------------------------------------------

USER_ENV = "CST_NOTES_USER"
NEW_PASSPHRASE_ENV = "CST_NOTES_NEW_PASSPHRASE"


def _practitioner_parser(sub: Any) -> None:
    p = sub.add_parser(
        "practitioner",
        help="add, list or disable practitioners; set a passphrase",
        description="Practitioners and their signing keys. Each ACTION takes --db PATH (the database "
        f"file). A passphrase comes from {PASSPHRASE_ENV} (a new one when changing it from "
        f"{NEW_PASSPHRASE_ENV}) or is asked for; {USER_ENV} names who acts, for the history.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("add", help="add a practitioner and make their signing key")
    _db_arg(a)
    a.add_argument("name", help="the name they sign with (any script)")
    a.add_argument("--role", default="therapist", choices=V.ROLES.codes)
    a.add_argument("--credentials", default="", help='e.g. "RCST, BCST"')
    a.add_argument("--registration", default="", help="registration or membership numbers")
    a.add_argument("--no-passphrase", action="store_true", help="no passphrase (a solo practitioner)")
    a = actions.add_parser("list", help="every practitioner")
    _db_arg(a)
    a = actions.add_parser("disable", help="a practitioner who may no longer sign")
    _db_arg(a)
    a.add_argument("name")
    a = actions.add_parser("passphrase", help="set or change a practitioner's passphrase")
    _db_arg(a)
    a.add_argument("name")
    a.add_argument("--new-key", action="store_true", help="a new key (the old passphrase is forgotten)")
    a.add_argument("--no-passphrase", action="store_true", help="no passphrase (a solo practitioner)")


def _clinic_parser(sub: Any) -> None:
    p = sub.add_parser(
        "clinic",
        help="the clinic's shared record on a PostgreSQL server",
        description="A clinic's shared record on a stock PostgreSQL server. --server is a libpq URL, "
        "postgresql://ROLE@HOST/DATABASE; its password comes from PGPASSWORD or ~/.pgpass, as for psql. "
        "A server on another machine is reached over TLS only (sslmode=require or stricter).",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser(
        "init",
        help="make the clinic's schema on an empty database",
        description="Make the clinic's tables, triggers, row-level security and group roles on an EMPTY "
        "database, connecting as its owner (a role with CREATEROLE, not a superuser). A database holding "
        "anything is refused, nothing changed.",
    )
    a.add_argument("--server", required=True, metavar="URL", help="postgresql://OWNER@HOST/DATABASE")
    a = actions.add_parser(
        "upgrade",
        help="bring the clinic's schema up to date after updating the app",
        description="Apply, in order and in one transaction, each migration of the clinic's schema that the "
        "server lacks, connecting as the database's owner (as for init), and say which; a current server is "
        "left as it is. Refused, nothing changed: a database holding no clinic, a server newer than this app "
        "(update the app first), or one whose record of its migrations differs from this app's.",
    )
    a.add_argument("--server", required=True, metavar="URL", help="postgresql://OWNER@HOST/DATABASE")
    a = actions.add_parser(
        "add-role",
        help="a practitioner's own login role on the clinic server",
        description=f"Make a practitioner's login role, a member of their kind's group. Its password comes "
        f"from {CLINIC_PASSWORD_ENV} or is asked for twice; it is hashed (SCRAM) before it leaves this machine.",
    )
    a.add_argument("--server", required=True, metavar="URL", help="postgresql://OWNER@HOST/DATABASE")
    a.add_argument("name", help="the practitioner's name, as they sign")
    a.add_argument("--role", required=True, metavar="DB_ROLE", help="their database role's name (to log in)")
    a.add_argument("--kind", default="therapist", choices=V.ROLES.codes)
    a = actions.add_parser(
        "join",
        help="link this laptop's database to the clinic server, as yourself",
        description=f"Keep the clinic server's address (never its password) in the laptop's database. The URL "
        f"names your own database role; the password comes from {CLINIC_PASSWORD_ENV}, PGPASSWORD or ~/.pgpass.",
    )
    _db_arg(a)
    a.add_argument("--server", required=True, metavar="URL", help="postgresql://YOUR_ROLE@HOST/DATABASE")
    a.add_argument(
        "--whole-clinic",
        action="store_true",
        help="hold every patient you may see (a front desk's laptop, a shared one); without it, your own "
        "patients: those with a signed session you treated or signed, and those you add here",
    )
    a = actions.add_parser(
        "holds",
        help="which patients this laptop holds: your own, or the whole clinic's",
        description="Which patients the next syncs take from the clinic server: 'own' (those with a signed "
        "session you treated or signed, and those this laptop holds), or 'whole-clinic' (every patient you "
        "may see). Patients already held stay; the change is audited.",
    )
    _db_arg(a)
    a.add_argument("holds", choices=("own", "whole-clinic"))
    a = actions.add_parser(
        "push",
        help="push patients' signed sessions, addenda and audit entries to the clinic server",
        description="A one-way push of immutable records, by uid: what the server has is left as it is, so "
        "pushing again adds nothing twice. Private notes go only with your own sessions.",
    )
    _db_arg(a)
    a.add_argument("--patient", metavar="UID", help="one patient (by uid); every patient without it")
    a = actions.add_parser(
        "pull",
        help="pull others' signed sessions, addenda and audit entries from the clinic server",
        description="Fetch the signed sessions, addenda and audit entries this laptop lacks, verify every "
        "signature (a keyed one with the key its signer pushed) and store each patient's in one transaction. "
        "A patient whose records do not verify is refused whole, named, and nothing of it stored (exit status "
        "1); others' private notes never reach this laptop. Exit status 3: the server did not answer.",
    )
    _db_arg(a)
    _whole_clinic_arg(a)
    a = actions.add_parser(
        "status",
        help="when this laptop last synced, the changes waiting, whether the server answers",
        description="The clinic's part of the status bar. Exit status 3 when the server does not answer.",
    )
    _db_arg(a)


def _whole_clinic_arg(a: Any) -> None:
    a.add_argument(
        "--whole-clinic",
        action="store_true",
        default=None,
        help="this time, every patient you may see on the server (those this laptop lacks are added); "
        "without it, the patients this laptop holds as set by clinic join or clinic holds",
    )


def _sync_parser(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="push this laptop's records to the clinic server, then pull the others'",
        description="clinic push, then clinic pull. Working offline is normal: when the server does not "
        "answer, sync says so and exits with status 3; nothing is lost, the changes wait for the next sync.",
    )
    _db_arg(p)
    _whole_clinic_arg(p)


def cmd_clinic(args: argparse.Namespace) -> str:
    """``clinic init|upgrade|add-role|join|holds|push|pull|status``: psycopg is loaded here, only when a
    clinic server is named."""
    from cst_notes.services import clinic

    if args.action == "init":
        made = clinic.init_clinic(args.server)
        return (
            f"made the clinic in {made.database} on {made.server} (schema version {max(made.versions)}) with the "
            f"group roles {', '.join(made.group_roles)}; next, a role for each practitioner: {PROG} clinic add-role"
        )
    if args.action == "upgrade":
        return clinic.upgrade_clinic(args.server).words()
    if args.action in ("pull", "status"):
        return _offline_calmly(args, lambda services, password: _pull_or_status(args, services, password))
    if args.action in ("join", "push", "holds"):
        password = os.environ.get(CLINIC_PASSWORD_ENV)
        with _closing(_open_existing(args.db)) as services:
            if args.action == "join":
                link = clinic.join_clinic(services, args.server, password, whole_clinic=args.whole_clinic)
                return f"joined the clinic at {link.server} as {link.practitioner} ({link.db_role}); " + _holding(
                    link.whole_clinic
                )
            if args.action == "holds":
                whole = args.holds == "whole-clinic"
                changed = services.hold_whole_clinic(whole)
                return ("" if changed.kinds else "already: ") + _holding(whole)
            ids = services.patient_ids()
            if args.patient:
                ids = [i for i in ids if services.patient(i).uid == args.patient]
                if not ids:
                    raise CommandError(f"no patient has the uid {args.patient}; nothing was pushed")
            pushed = clinic.push_patients(services, ids, password)
        return clinic.pushed_words(pushed, len(ids))
    password = _secret(CLINIC_PASSWORD_ENV, f"Password for {args.role}: ", twice=True)
    if not password:
        raise CommandError("the password is empty; nothing was changed")
    group = clinic.add_clinic_role(args.server, args.role, args.name, args.kind, password)
    return f"added the role {args.role} for {args.name}, a member of {group}"


def _holding(whole_clinic: bool) -> str:
    if whole_clinic:
        return "this laptop holds every patient of the clinic you may see"
    return "this laptop holds your own patients (a signed session you treated or signed, or added here)"


def _offline_calmly(args: argparse.Namespace, act: Callable[[Services, str | None], str]) -> str:
    """Run a clinic command that talks to the server; a server that does not answer is ``Offline``."""
    from cst_notes.services import clinic

    password = os.environ.get(CLINIC_PASSWORD_ENV)
    with _closing(_open_existing(args.db)) as services:
        try:
            return act(services, password)
        except clinic.ClinicUnreachable as exc:
            raise Offline(f"working offline: {exc}. Nothing was lost; the changes wait for the next sync") from None


def _pull_or_status(args: argparse.Namespace, services: Services, password: str | None) -> str:
    from cst_notes.services import clinic

    if args.action == "status":
        status = clinic.sync_status(services, password)
        if not status.joined:
            return "this laptop has joined no clinic"
        when = "never" if status.last_synced is None else status.last_synced.strftime("%Y-%m-%d %H:%M UTC")
        line = f"last synced: {when}; conflicts open: {status.conflicts}; changes waiting: {status.changes_waiting}"
        line += "".join(f"\n  refused by the last pull: {why}" for why in status.refused)
        line += "".join(f"\n  left on the server by the last pull: {why}" for why in status.left)
        if not status.reachable:
            raise Offline(f"{line}; the server does not answer: {status.reason}")
        if status.reason:
            raise CommandError(f"{line}; the server answers and refused: {status.reason}")
        return f"{line}; the server answers"
    return _pulled_report(clinic.pull_patients(services, password, whole_clinic=args.whole_clinic))


def _pulled_report(pulled: Any, before: str = "", after: str = "") -> str:
    """What a pull did; the patients it refused make it a failure (exit status 1), after the rest was kept."""
    from cst_notes.services import clinic

    lines = [before + clinic.pulled_words(pulled) + after]
    lines += [f"  left on the server: {why}" for why in pulled.left]
    if pulled.refused:
        raise CommandError("\n".join([*lines, *(f"  refused: {why}" for why in pulled.refused)]))
    return "\n".join(lines)


def cmd_sync(args: argparse.Namespace) -> str:
    """``sync``: push, then pull; offline is a calm message and exit status 3."""
    from cst_notes.services import clinic

    def act(services: Services, password: str | None) -> str:
        done = clinic.sync(services, password, whole_clinic=args.whole_clinic)
        behind = clinic.server_behind_words(done.server_version)
        before = f"{clinic.pushed_words(done.pushed, done.patients)}; "
        return _pulled_report(done.pulled, before=before, after=f"; {behind}" if behind else "")

    return _offline_calmly(args, act)


def _secret(env: str, prompt: str, *, twice: bool = False) -> str:
    """A practitioner's passphrase: from ``env`` if set, else asked for (twice for a new one)."""
    given = os.environ.get(env)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CommandError(f"set {env}, or run this in a terminal to be asked; nothing was changed")
    first = getpass.getpass(prompt)
    if twice and getpass.getpass("Again: ") != first:
        raise CommandError("the two passphrases differ; nothing was changed")
    return first


def _new_secret(args: argparse.Namespace, env: str) -> str:
    if args.no_passphrase:
        return ""
    new = _secret(env, f"New passphrase for {args.name}: ", twice=True)
    if not new:
        raise CommandError("the passphrase is empty: give one, or choose --no-passphrase; nothing was changed")
    return new


def _key_shown(p: Practitioner) -> str:
    if not p.key_id:
        return "no key"
    how = "passphrase" if p.has_passphrase else "no passphrase" if p.signs_here else "public key only, from an import"
    return f"key {p.key_id[:16]} ({how})"


def cmd_practitioner(args: argparse.Namespace) -> str:
    """``practitioner add|list|disable|passphrase``. The passphrase of a new practitioner comes from
    CST_NOTES_PASSPHRASE (or a prompt); a changed one: the current from CST_NOTES_PASSPHRASE, the new
    from CST_NOTES_NEW_PASSPHRASE. CST_NOTES_USER names who acts, for the audit log."""
    first = args.action == "add" and not args.db.exists()
    new = _new_secret(args, PASSPHRASE_ENV) if first else ""  # asked first: a refusal makes no file
    with _closing(_open_existing(args.db) if not first else _open(args.db)) as services:
        if services.signed_in is None and os.environ.get(USER_ENV, "").strip():
            services.set_actor(os.environ[USER_ENV])
        if args.action == "add" and not first:  # the signed-in owner's passphrase came from PASSPHRASE_ENV
            new = _new_secret(args, NEW_PASSPHRASE_ENV if services.signed_in else PASSPHRASE_ENV)
        if args.action == "list":
            rows = [
                f"{p.name}\t{V.ROLES.label(p.role)}\t{'active' if p.active else 'disabled'}\t{_key_shown(p)}"
                f"\t{p.credentials}\t{p.registration}"
                for p in services.practitioners()
            ]
            return "\n".join(rows) or "no practitioners"
        if args.action == "disable":
            services.disable_practitioner(args.name)
            return f"{args.name} is disabled: they can no longer sign; their signatures stay valid"
        warning = f"\nnote: {keys.NO_PASSPHRASE_MEANS}" if args.no_passphrase else ""
        if args.action == "add":
            who = Practitioner(args.name, args.role, args.credentials, args.registration)
            services.add_practitioner(who, new)
            return f"added {args.name} ({V.ROLES.label(args.role)}) with a signing key{warning}"
        current = services.practitioner(args.name)
        unlock = current.has_passphrase and not args.new_key
        old = _secret(PASSPHRASE_ENV, f"Current passphrase of {args.name}: ") if unlock else ""
        services.set_passphrase(args.name, old, _new_secret(args, NEW_PASSPHRASE_ENV), new_key=args.new_key)
        what = "a new signing key" if args.new_key or not current.key_id else "a new passphrase"
        return f"{args.name}: {what}{warning}"


# --- the commands -------------------------------------------------------------------------------


def _passphrase(path: Path, *, new: bool = False) -> str | None:
    """The passphrase for an encrypted database (or a new one), from the environment or asked for."""
    if not new and not database_needs_passphrase(path):
        return None
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CommandError(
            f"{path} is not a plain SQLite database: either it is encrypted (set {PASSPHRASE_ENV}, or run this "
            "in a terminal to be asked for the passphrase) or it is damaged. It has not been changed."
        )
    first = getpass.getpass("New passphrase: " if new else f"Passphrase for {path.name}: ")
    if new and getpass.getpass("Again: ") != first:
        raise CommandError("the two passphrases differ; nothing was changed")
    return first


def _practitioner_name() -> str:
    given = os.environ.get(USER_ENV, "").strip()
    if given:
        return given
    if not sys.stdin.isatty():
        raise CommandError(f"set {USER_ENV} (and {PASSPHRASE_ENV}), or run this in a terminal to be asked")
    return input("Practitioner: ").strip()


def _open_as_practitioner(path: Path, **options: bool) -> Services:
    """An encrypted practice with a keyring: the practitioner's own name and passphrase (from
    CST_NOTES_USER and CST_NOTES_PASSPHRASE, or asked) open it and sign them in."""
    name = _practitioner_name()
    passphrase = _secret(PASSPHRASE_ENV, f"Passphrase of {name}: ")
    services = Services.open_as(path, name, passphrase, **options)
    try:
        services.sign_in(name, passphrase)
    except ValidationError:
        services.close()
        raise
    return services


def _open(path: Path, **options: bool) -> Services:
    if database_needs_passphrase(path) and has_keyring(path):
        return _open_as_practitioner(path, **options)
    services = Services.open(path, key=_passphrase(path), **options)
    try:
        _sign_in(services)
    except BaseException:
        services.close()
        raise
    return services


def _sign_in(services: Services) -> None:
    """Act as the practitioner ``CST_NOTES_USER`` names, in a practice with practitioners; their
    passphrase is asked for in a terminal, else read from ``CST_NOTES_PASSPHRASE``. A practice that
    asks no one to sign in (one practitioner without a passphrase) needs no name; one without
    practitioners, none at all. A wrong name or passphrase: ValidationError naming the field."""
    name = os.environ.get(USER_ENV, "").strip()
    if not name and not services.sign_in_needed():
        return
    if not any(p.active for p in services.practitioners()):
        return
    if not name:
        raise SignInMissing(
            f"this practice has practitioners: set {USER_ENV} to the name of the practitioner who acts "
            f"(their passphrase from {PASSPHRASE_ENV}, or asked in a terminal); nothing was changed"
        )
    passphrase = ""
    if services.asks_passphrase(name):
        passphrase = _secret(PASSPHRASE_ENV, f"Passphrase of {name}: ")
    services.sign_in(name, passphrase)


def _owner_only(path: Path, key: str | None) -> None:
    """Refuse, before anything is changed, a command that manages the practice to anyone but the owner."""
    services = Services.open(path, create=False, key=key)
    try:
        _sign_in(services)
        if not services.may(Can.MANAGE_PRACTICE):
            raise NotAllowedError(f"{access.refusal(services.role(), Can.MANAGE_PRACTICE)}; nothing was changed")
    finally:
        services.close()


def _open_existing(path: Path) -> Services:
    return _open(path, create=False)


def cmd_demo(args: argparse.Namespace) -> str:
    with _closing(_open(args.db)) as services:
        changed = services.create_demo_clinic(args.patients, args.sessions, args.seed)
        counts = services.counts()
    return f"added {len(changed.patient_ids)} patients and {counts['sessions']} sessions to {args.db}"


def cmd_check(args: argparse.Namespace) -> str:
    repaired: list[str] = []
    with _closing(_open(args.db, create=False, migrate=args.repair_index)) as services:
        if args.repair_index:
            repaired = services.repair_search_indexes()
        report = services.check()
        counts = services.counts() if report.ok else {}
    done = ""
    if args.repair_index:
        done = (
            f"rebuilt the search index{'es' if len(repaired) > 1 else ''} {', '.join(repaired)}\n"
            if repaired
            else "no search index needed rebuilding\n"
        )
    if not report.ok:
        raise CommandError(done + "\n".join(report.problems))
    return (
        done
        + (
            f"ok\nschema version {report.schema_version} (latest {report.latest_version}); "
            f"{counts['patients']} patients, {counts['sessions']} sessions"
        )
        + "".join(f"\nnote: {n}" for n in report.notes)
    )


def cmd_backup(args: argparse.Namespace) -> str:
    with _closing(_open_existing(args.db)) as services:
        report = services.backup(args.out)
    return f"backed up to {args.out} (checked: {'ok' if report.ok else 'problems found'})"


def cmd_export(args: argparse.Namespace) -> str:
    skipped: list[DamagedRecord] = []
    with _closing(_open_existing(args.db)) as services:
        document = services.export_document(args.patient, skipped=skipped if args.patient is None else None)
    _write(args.out, record_format.file_bytes(document))
    done = f"exported {len(document['patients'])} patients to {args.out}"
    if skipped:
        raise CommandError(_left_out(done, skipped))
    return done


def _left_out(done: str, skipped: Sequence[DamagedRecord]) -> str:
    """What was done, and each patient left out because their record is damaged (exit status 1)."""
    lines = [f"{done}, but left out {len(skipped)} whose record is damaged:"]
    lines += [f"  {exc}" for exc in skipped[:MAX_ERRORS_SHOWN]]
    if len(skipped) > MAX_ERRORS_SHOWN:
        lines.append(f"  … and {len(skipped) - MAX_ERRORS_SHOWN} more")
    lines.append(f"Run {PROG} check --db FILE to list every damaged row; restore them from a backup.")
    return "\n".join(lines)


def cmd_import(args: argparse.Namespace) -> str:
    if not args.file.is_file():
        raise CommandError(f"there is no file {args.file}")
    size = args.file.stat().st_size
    progress = None if args.quiet or size < PROGRESS_FROM_BYTES else _Progress()
    if progress is not None:
        progress.show(f"reading {args.file} ({size / 1e6:.0f} MB)")
    with _closing(_open(args.db)) as services:
        changed = services.import_file(args.file, progress)
    return f"imported {len(changed.patient_ids)} patients into {args.db}"


PROGRESS_FROM_BYTES = 5_000_000  # an import of a file this large says how far it got, on stderr


class _Progress:
    """Progress of a long import on stderr: a line a second at most, and when a stage ends."""

    def __init__(self) -> None:
        self.last = 0.0

    def show(self, line: str) -> None:
        print(f"{PROG} import: {line}", file=sys.stderr, flush=True)
        self.last = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "indexing":
            self.show("building the search indexes")
        elif done == total or time.monotonic() - self.last >= 1:
            self.show(f"{stage}: {done * 100 // max(total, 1)}% ({done / 1e6:.0f} of {total / 1e6:.0f} MB)")


def cmd_restore(args: argparse.Namespace) -> str:
    if not args.file.is_file():
        raise CommandError(f"there is no backup {args.file}")
    key = _passphrase(args.db) if args.db.is_file() else None
    if args.db.is_file():
        _owner_only(args.db, key)
    backup_key = _passphrase(args.file) if key is None else None  # an encrypted database's backups share its key
    restored = restore_backup(args.db, args.file, key, backup_key)
    lines = [f"restored {args.db} from {args.file}"]
    if restored.aside:
        lines.append(f"the previous database was moved to {restored.aside}")
    if restored.backup_was_plain and restored.key is not None:
        lines.append(
            f"the backup was a plain file: the restored database is encrypted with the database's passphrase; "
            f"the backup itself is still plain: {args.file}"
        )
    elif restored.key is not None and key is None:
        lines.append("the backup was encrypted, so the database now is too, with the backup's passphrase")
    return "\n".join(lines)


def _encrypt_with_practitioners(services: Services) -> str:
    """A practice with practitioners: the owner signs in, and the key is wrapped for each of them."""
    name = _practitioner_name()
    services.sign_in(name, _secret(PASSPHRASE_ENV, f"Passphrase of {name}: "))
    if not services.may(Can.MANAGE_PRACTICE):
        raise NotAllowedError(f"{access.refusal(services.role(), Can.MANAGE_PRACTICE)}; nothing was changed")
    done = services.encrypt_with_practitioners()
    lines = [f"encrypted {len(done.files)} files (the database and the copies CST Notes made of it):"]
    lines += [f"  {path}" for path in done.files]
    lines.append(f"each opens it with their own name and passphrase: {', '.join(done.holders)}")
    if done.without_key:
        lines.append(f"without a key until they set a passphrase: {', '.join(done.without_key)}")
    if done.left:
        lines.append("left plain, as they could not be encrypted (remove them yourself once you are sure):")
        lines += [f"  {path}: {why}" for path, why in done.left]
    assert services.path is not None
    lines.append(f"keep {services.path.name}.keyring with the database and its backups: without it nothing opens")
    return "\n".join(lines)


def cmd_encrypt(args: argparse.Namespace) -> str:
    if not args.db.is_file():
        raise CommandError(f"there is no CST Notes database at {args.db}")
    if database_needs_passphrase(args.db):
        raise CommandError(f"{args.db} is already encrypted")
    with _closing(Services.open(args.db, create=False)) as services:
        # it must open and pass its checks as a plain database first
        if services.practitioners():
            return _encrypt_with_practitioners(services)
    _owner_only(args.db, None)
    key = _passphrase(args.db, new=True)
    assert key is not None
    if not key.strip():
        raise CommandError("the passphrase must not be empty")
    report = encrypt_database(args.db, key)
    lines = [f"encrypted {len(report.encrypted)} files (the database and the copies CST Notes made of it):"]
    lines += [f"  {path}" for path in report.encrypted]
    if report.left_plain:
        lines.append("left plain, as they could not be encrypted (remove them yourself once you are sure):")
        lines += [f"  {path}: {why}" for path, why in report.left_plain]
    lines.append(
        "Each plain file was overwritten with zeros before it was replaced, but an SSD or a journaling or "
        "copy-on-write file system may keep old blocks elsewhere: full-disk encryption covers those."
    )
    lines.append(
        "Copies CST Notes does not keep track of stay as they are: backups written to other folders "
        "(backup --out, Back up to…), exports and patient copies."
    )
    return "\n".join(lines)


def cmd_export_pdf(args: argparse.Namespace) -> str:
    if args.all and args.out_dir is None:
        raise CommandError("--all writes one file per patient: give --out-dir")
    if not args.all and args.out is None and args.out_dir is None:
        raise CommandError("give --out FILE.pdf (or --out-dir)")
    with _closing(_open_existing(args.db)) as services:
        if args.all:
            return _export_pdf_for_all(services, args)
        if not services.may(Can.READ_CLINICAL) and args.kind == reports.DocumentKind.SUMMARY:
            return _front_desk_summary(services, args)
        options = reports.DocumentOptions(
            include_private_notes=args.include_private_notes,
            include_assessment=args.include_assessment,
            practitioners=tuple(services.practitioners()),
        )
        record = services.record(args.patient)
        language = args.language or record.patient.document_language
        try:
            options = replace(options, language=language)
            pdf = reports.render(args.kind, record, services.settings(), options, args.session)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        target = args.out or args.out_dir / document_file_name(args.patient, record.patient.full_name, args.kind)
        _write(target, pdf)
    return f"wrote {target}"


def _export_pdf_for_all(services: Services, args: argparse.Namespace) -> str:
    """One file per patient, rendered on ``--workers`` cores; progress on stderr when it is a terminal."""
    options = reports.DocumentOptions(
        include_private_notes=args.include_private_notes, include_assessment=args.include_assessment
    )
    batch = services.document_batch(
        args.kind, args.out_dir, options, language=args.language, session=args.session, workers=args.workers
    )
    show = not args.quiet and _stderr_is_terminal()
    result = batch.run(_show_batch_progress if show else None)
    lines = [f"wrote {len(result.written)} {reports.TITLES[args.kind].lower()} files into {args.out_dir}"]
    if result.skipped:
        lines.append(f"skipped {len(result.skipped)}:")
        lines += [f"  {line}" for line in result.skipped_lines()[:MAX_ERRORS_SHOWN]]
    if result.damaged:
        lines[0] = _left_out(lines[0], result.damaged)
        raise CommandError("\n".join(lines))
    return "\n".join(lines)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _show_batch_progress(done: int, total: int) -> None:
    """``12/100 patients``, rewritten in place on the terminal; the last one ends its line."""
    end = "\n" if done == total else ""
    print(f"\r{PROG} export-pdf: {done}/{total} patients", end=end, file=sys.stderr, flush=True)


def _front_desk_summary(services: Services, args: argparse.Namespace) -> str:
    """The front desk prints the summary of a signed session (default: the latest signed)."""
    signed = services.signed_sessions(args.patient)
    if not signed:
        raise CommandError(f"patient {args.patient} has no signed session to summarise")
    session = args.session if args.session is not None else max(signed, key=lambda s: s.started_at).id
    if session not in {s.id for s in signed}:
        raise CommandError(f"--session {session} is not a signed session of patient {args.patient}")
    pdf = services.session_summary_pdf(session, language=args.language)
    name = services.patient(args.patient).full_name
    target = args.out or args.out_dir / document_file_name(args.patient, name, args.kind)
    _write(target, pdf)
    return f"wrote {target}"


def cmd_patient_copy(args: argparse.Namespace) -> str:
    make_private_folder(args.out_dir)
    with _closing(_open_existing(args.db)) as services:
        try:
            pdf, document = services.patient_copy(
                args.patient,
                args.out_dir,
                include_private_notes=args.include_private_notes,
                include_assessment=args.include_assessment,
            )
        except ValueError as exc:
            raise CommandError(f"the PDF could not be made: {exc}") from None
    left_out = Disclosure(args.include_private_notes, args.include_assessment).left_out()
    return f"wrote {pdf.name} and {document.name} into {args.out_dir}" + (f"\nleft out: {left_out}" if left_out else "")


def cmd_retention(args: argparse.Namespace) -> str:
    with _closing(_open_existing(args.db)) as services:
        due = services.records_past_retention()
        years = services.settings().retention_years
    if not due:
        return f"no record has passed its retention date ({years} years)"
    lines = [f"{len(due)} records past their retention date ({years} years); nothing was deleted:"]
    lines += [f"  {until.isoformat()}  #{s.id}  {s.full_name}" for s, until in due]
    return "\n".join(lines)


# each name in ``COMMAND_NAMES`` runs its ``cmd_`` function
COMMANDS: dict[str, Callable[[argparse.Namespace], str]] = {
    name: globals()[f"cmd_{name.replace('-', '_')}"] for name in COMMAND_NAMES
}


# --- plumbing -----------------------------------------------------------------------------------


class _closing:
    def __init__(self, services: Services) -> None:
        self.services = services

    def __enter__(self) -> Services:
        return self.services

    def __exit__(self, *exc: object) -> None:
        self.services.close()


def _write(path: Path, data: bytes) -> None:
    """All or nothing, into a folder made if need be."""
    make_private_folder(path.parent)
    write_atomically(path, data)


def _describe(exc: ValidationError) -> str:
    lines = [f"  {e}" for e in exc.errors[:MAX_ERRORS_SHOWN]]
    if len(exc.errors) > MAX_ERRORS_SHOWN:
        lines.append(f"  … and {len(exc.errors) - MAX_ERRORS_SHOWN} more")
    return "the input is not valid; nothing was changed:\n" + "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        message = COMMANDS[args.command](args)
    except ValidationError as exc:
        print(f"{PROG} {args.command}: {_describe(exc)}", file=sys.stderr)
        return 1
    except DamagedRecord as exc:
        print(f"{PROG} {args.command}: {exc.message}", file=sys.stderr)
        return 1
    except SignInMissing as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return 2
    except Offline as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return OFFLINE_EXIT
    except (CommandError, StorageError, NotFoundError, LockedError, NotAllowedError) as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{PROG} {args.command}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    try:
        print(message, flush=True)
    except BrokenPipeError:  # the reader stopped early (`check | head -1`): what it read was all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
    return 0
