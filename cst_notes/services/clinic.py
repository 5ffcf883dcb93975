"""The clinic server's actions (issue 17): make the clinic's shared record on an empty PostgreSQL
database, bring its schema up to date after the app was updated, a database role for each
practitioner, join a laptop to it, push a patient's immutable records there, pull the others'
(every signature verified first), sync (both), and the sync's status for the status bar. A laptop
does nothing with a server whose schema is newer than this app knows; an older one works as it is.

Not imported by ``cst_notes.services``: the laptop's own path never loads psycopg; the CLI imports
this module when a clinic command names a server. What the server holds and guards:
``cst_notes.storage.server``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import uuid
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar, cast

import psycopg

from cst_notes.domain import vocabulary as V
from cst_notes.domain.clinic import ClinicLink, Inbox, Outbox, Pulled, SettingsOut, SyncStatus
from cst_notes.domain.keys import PublicKey
from cst_notes.domain.practitioner import name_key
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from cst_notes.storage.server import connection, migrations, practitioners, pull, push
from cst_notes.storage.server import settings as server_settings
from cst_notes.storage.server.connection import ClinicServerError, ClinicUnreachable
from cst_notes.storage.server.roles import GroupRoles

__all__ = [
    "ClinicMade",
    "ClinicServerError",
    "ClinicUnreachable",
    "ClinicUpgraded",
    "Pulled",
    "Pushed",
    "ServerSession",
    "Synced",
    "add_clinic_role",
    "init_clinic",
    "join_clinic",
    "pull_patients",
    "push_patients",
    "run_steps",
    "server_answers",
    "sync",
    "sync_status",
    "sync_steps",
    "upgrade_clinic",
]
Pushed = push.Pushed
T = TypeVar("T")


@dataclass(frozen=True)
class ClinicMade:
    """What ``init_clinic`` made: on which server (no password), the schema versions, the group roles."""

    server: str
    database: str
    versions: tuple[int, ...]
    group_roles: tuple[str, ...]


def init_clinic(url: str) -> ClinicMade:
    """Make the clinic schema on the empty database at ``url``, connecting as its owner (a role with
    CREATEROLE, not a superuser). ClinicServerError, nothing changed, when it is not empty."""
    with contextlib.closing(connection.connect(url)) as conn, _owner_command("init"):
        made = migrations.init(conn)
    return ClinicMade(connection.without_password(url), made.database, made.versions, made.group_roles)


@dataclass(frozen=True)
class ClinicUpgraded:
    """What ``upgrade_clinic`` did: on which server (no password), the migrations applied (version,
    name; none when the server was current) and the schema version now."""

    server: str
    database: str
    applied: tuple[tuple[int, str], ...]
    version: int

    def words(self) -> str:
        where = f"the clinic in {self.database} on {self.server}"
        if not self.applied:
            return f"{where} is current (schema version {self.version}): nothing was changed"
        done = "; ".join(f"version {v}: {name}" for v, name in self.applied)
        return f"upgraded {where} to schema version {self.version}, applying {done}"


def upgrade_clinic(url: str) -> ClinicUpgraded:
    """Apply to the clinic at ``url`` each schema migration it lacks (connecting as the database's
    owner, as init does), in one transaction. ClinicServerError, nothing changed, when the database
    holds no clinic, is newer than this app, or records a history other than this app's."""
    with contextlib.closing(connection.connect(url)) as conn, _owner_command("upgrade"):
        done = migrations.upgrade(conn)
    applied = tuple((m.version, m.name) for m in done.applied)
    return ClinicUpgraded(connection.without_password(url), done.database, applied, done.version)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@contextlib.contextmanager
def _owner_command(command: str) -> Iterator[None]:
    """What the server refused during ``clinic init``, ``upgrade`` or ``add-role`` (each one
    transaction, so nothing was changed), as a ClinicServerError in words, not psycopg's traceback."""
    try:
        yield
    except psycopg.OperationalError as exc:
        raise ClinicServerError(
            f"the connection to the clinic server was lost during the {command} ({_first_line(exc)}): run "
            f"clinic {command} again, it does only what the server still lacks"
        ) from None
    except psycopg.Error as exc:
        raise ClinicServerError(
            f"the clinic server refused the {command} ({_first_line(exc)}): its transaction was rolled back, "
            "nothing was changed"
        ) from None


def add_clinic_role(url: str, db_role: str, name: str, kind: str, password: str) -> str:
    """A practitioner's own login role on the clinic server at ``url`` (connecting as the database's
    owner); returns the group role it joined."""
    if kind not in V.ROLES.codes:
        raise ClinicServerError(f"the kind of practitioner is one of {', '.join(V.ROLES.codes)}, not {kind!r}")
    with contextlib.closing(connection.connect(url)) as conn, _owner_command("add-role"):
        practitioners.add_practitioner(conn, db_role, name, kind, password)
        return GroupRoles(str(conn.info.dbname)).of(kind)


def join_clinic(services: Services, url: str, password: str | None = None, *, whole_clinic: bool = False) -> ClinicLink:
    """Link this laptop to the clinic at ``url``, as the practitioner whose own role the URL names;
    the address is kept without a password (TLS whenever the server is on another machine), with
    which patients the laptop holds (``ClinicLink.whole_clinic``). Refused, nothing kept, when the
    server holds no clinic or the role is no practitioner of it."""
    address = connection.secured(url)
    with contextlib.closing(connection.connect(address, password)) as conn:
        versions = migrations.applied_versions(conn)
        if not versions:
            raise ClinicServerError(
                f"{connection.without_password(url)} holds no CST Notes clinic: its owner makes one with clinic init"
            )
        migrations.refuse_newer(max(versions), f"the clinic server {connection.without_password(url)}")
        role = str(conn.info.user)
        row = conn.execute("SELECT name FROM clinic.practitioners WHERE db_role = current_user").fetchone()
    if row is None:
        raise ClinicServerError(
            f"the role {role} is no practitioner of this clinic: the clinic's owner adds it with clinic add-role"
        )
    name = str(row[0])
    signed_in = services.signed_in
    if signed_in is not None and name_key(signed_in.name) != name_key(name):
        raise ClinicServerError(f"the role {role} is {name}'s, and {signed_in.name} is signed in: nothing was kept")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    link = ClinicLink(connection.without_password(address), role, name, str(uuid.uuid4()), now, whole_clinic)
    services.link_clinic(link)
    return link


def _linked(services: Services) -> ClinicLink:
    link = services.clinic_link()
    if link is None:
        raise ClinicServerError("this laptop has joined no clinic: cst-notes clinic join --db FILE --server URL")
    return link


ServerWork = Callable[[connection.Connection], Any]  # a step on the clinic server: touches no SQLite
SyncProgress = Callable[[str, int, int], None]  # ("pushed" or "pulled", patients done, patients to do)


@contextlib.contextmanager
def _server_errors() -> Iterator[None]:
    """A connection lost midway is ClinicUnreachable (what was stored before is kept: each patient
    is its own transaction on both sides); any other refusal of the server, ClinicServerError."""
    try:
        yield
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ClinicUnreachable(
            f"the connection to the clinic server was lost ({reason}): what was done is kept; the next "
            "sync goes on from there"
        ) from None
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ClinicServerError(f"the clinic server refused: {reason}") from None


class ServerSession:
    """The clinic server's side of a push, pull or sync: its connection, opened at the first step
    and used by every step after, all in one thread (the app's worker thread, or the command's)."""

    def __init__(self, link: ClinicLink, password: str | None) -> None:
        self._link, self._password = link, password
        self._conn: connection.Connection | None = None

    def run(self, work: ServerWork) -> Any:
        if self._conn is None:
            self._conn = connection.connect(self._link.server, self._password)
        with _server_errors():
            return work(self._conn)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _schema_version(conn: connection.Connection, *, server: str) -> int:
    """The server's clinic schema version; ClinicServerError, before anything is pushed or pulled,
    when it is newer than this app knows (this app would misread it). An older one works as it is."""
    version = migrations.schema_version(conn)
    migrations.refuse_newer(version, f"the clinic server {server}")
    return version


def _on_a_known_schema(link: ClinicLink, steps: Generator[ServerWork, Any, T]) -> Generator[ServerWork, Any, T]:
    """``steps``, once the server's schema is one this app knows (``_schema_version``)."""
    yield functools.partial(_schema_version, server=link.server)
    return (yield from steps)


def run_steps(steps: Generator[ServerWork, Any, T], run: Callable[[ServerWork], Any]) -> T:
    """Drive ``steps`` (this laptop's part, between the server's) to the end, each server step by ``run``."""
    try:
        work = next(steps)
        while True:
            work = steps.send(run(work))
    except StopIteration as finished:
        return cast(T, finished.value)


def _run_here(link: ClinicLink, password: str | None, steps: Generator[ServerWork, Any, T]) -> T:
    session = ServerSession(link, password)
    try:
        return run_steps(steps, session.run)
    finally:
        session.close()


def push_patients(services: Services, patient_ids: list[int], password: str | None = None) -> Pushed:
    """Push these patients' signed sessions, addenda and audit entries to this laptop's clinic
    server (a union by uid: what it has is left alone); returns what was new there."""
    link = _linked(services)
    mark = services.audit_mark()
    pushed = _run_here(link, password, _on_a_known_schema(link, _push(services, link, patient_ids)))
    # Only a push of every patient moves the mark that the next sync pushes the changes after.
    whole = set(patient_ids) >= set(services.patient_ids())
    services.record_sync("push", mark if whole else None, pushed_words(pushed, len(patient_ids)))
    return pushed


def _push(
    services: Services,
    link: ClinicLink,
    patient_ids: list[int],
    *,
    audit_after: int | None = None,
    progress: SyncProgress | None = None,
) -> Generator[ServerWork, Any, Pushed]:
    """Push each patient's outbox; with ``audit_after``, only their audit entries after that mark
    (and their details and plans as always: written only where changed here or lacking there).
    ``progress("pushed", done, in all)`` after each patient."""
    total = Pushed()
    for n, pid in enumerate(patient_ids, 1):
        outbox = services.clinic_outbox(pid, link.practitioner, audit_after=audit_after)
        base_version, changed = services.details_base(outbox.patient_uid)
        plans = services.plans_out(outbox.patient_uid)
        outbox = replace(outbox, base_version=base_version, details_changed=changed, plans=plans)
        services.note_plans_sent(plans)  # those that may be written: kept as sent, as the details are
        if base_version is None or changed:  # the details may be written: kept as sent, for a push not heard back
            services.note_details_sent(outbox.patient_uid, (base_version or 0) + 1, outbox.patient)
        done = yield functools.partial(_push_one, outbox=outbox, laptop_uid=link.laptop_uid)
        for uid, version in done.versions:
            services.record_pushed_details(uid, version, outbox.patient)
        if done.plan_versions:
            services.record_pushed_plans(outbox.patient_uid, done.plan_versions, plans)
        total += done
        if progress is not None:
            progress("pushed", n, len(patient_ids))
    return total


def _push_one(conn: connection.Connection, *, outbox: Outbox, laptop_uid: str) -> Pushed:
    return push.push_patient(conn, outbox, laptop_uid)


def pushed_words(pushed: Pushed, patients: int) -> str:
    """What a push did, in words (the CLI prints it)."""
    return (
        (
            f"pushed {pushed.sessions} signed sessions, {pushed.private_notes} private notes, {pushed.addenda} "
            f"addenda and {pushed.audit_entries} audit entries new to the server ({patients} patients)"
        )
        + (f", and the details of {pushed.details} patients" if pushed.details else "")
        + (f", and {pushed.intakes} signed intakes" if pushed.intakes else "")
        + (f", and {pushed.plans} follow-up plans" if pushed.plans else "")
        + (f", and {pushed.screening} contraindication screening changes" if pushed.screening else "")
        + (", and the clinic settings" if pushed.settings else "")
    )


def pulled_words(pulled: Pulled) -> str:
    """What a pull did, in words (the CLI prints it)."""
    return (
        f"pulled {pulled.sessions} signed sessions, {pulled.addenda} addenda and {pulled.audit_entries} audit "
        f"entries new to this laptop"
        + (f", and {pulled.patients} patients" if pulled.patients else "")
        + (f", and {pulled.intakes} signed intakes" if pulled.intakes else "")
        + (f", and {pulled.plans} follow-up plans new or changed on the server" if pulled.plans else "")
        + (f", and {pulled.screening} contraindication screening changes" if pulled.screening else "")
        + (f"; the details of {pulled.details} patients changed on the server taken" if pulled.details else "")
        + ("; the clinic settings set on the server taken" if pulled.settings else "")
        + (
            f"; {pulled.conflicts} records (a patient's details, a follow-up plan or the clinic settings) changed "
            "both here and on the server: both versions kept, a conflict to resolve"
            if pulled.conflicts
            else ""
        )
    )


def pull_patients(services: Services, password: str | None = None, *, whole_clinic: bool | None = None) -> Pulled:
    """Pull from the clinic server the signed sessions, addenda and audit entries this laptop lacks:
    of the practitioner's own patients (those it holds, and those with a signed session they treated
    or signed), or with ``whole_clinic`` of every patient they may see; None: as the laptop's link
    says (``ClinicLink.whole_clinic``). Patients it lacks are added. Every signature is verified
    before anything is stored; each patient
    is its own transaction, so a pull interrupted keeps the patients done and the next completes it.
    A patient whose records do not verify is refused whole (``Pulled.refused`` says why) and the
    others are pulled."""
    link = _linked(services)
    total = _run_here(link, password, _on_a_known_schema(link, _pull(services, link, _holds(link, whole_clinic))))
    services.record_sync("pull", None, pulled_words(total), total)
    return total


def _pull(
    services: Services,
    link: ClinicLink,
    whole_clinic: bool,
    spans: list[tuple[int, int]] | None = None,
    progress: SyncProgress | None = None,
) -> Generator[ServerWork, Any, Pulled]:
    """Every patient on the server the first time (of the whole clinic; else those held here and
    those the linked practitioner treated or signed: a new laptop of hers gets her patients); after
    that, only those the server changed since the mark of the last pull that finished
    (storage/server/pull.py change_mark), the held ones never synced, and those the last pull
    refused. The new mark is taken before any patient is read, and kept when the pull finishes,
    with the patients it refused: a pull cut short reads again what it read, and a refused patient
    does not make every later pull read the whole clinic. ``spans`` gets the audit marks before and
    after each patient stored: the entries between are the pull's own. ``progress("pulled", done,
    in all)`` after each patient."""
    held = services.held_patient_uids()
    total = Pulled()
    keys, untrusted = yield pull.trusted_keys
    total += Pulled(left=tuple(f"{why}: not trusted, so what it signed does not verify" for why in untrusted))
    marks = yield pull.change_mark
    since = None if marks is None else services.pull_mark(link.server, whole_clinic)
    everything = marks is None or since is None or services.server_went_back(link.server, marks)  # a restore's
    if everything or since is None:
        wanted = yield pull.patient_uids
    else:
        changed = yield functools.partial(_changed, since=since, laptop_uid=link.laptop_uid)
        unsynced = services.unsynced_patient_uids() | services.refused_at_last_pull(link.server)
        wanted = sorted(set(changed) | unsynced)
    mine: set[str] = set()
    refused: list[str] = []
    if not whole_clinic:  # those held here, and those she treated or signed (on another laptop of hers)
        among = None if everything else [uid for uid in wanted if uid not in held]
        if among is None or among:
            mine = yield functools.partial(_patients_of, practitioner=link.practitioner, among=among)
        wanted = [uid for uid in wanted if uid in held or uid in mine]
    for start in range(0, len(wanted), PULL_BATCH):
        inboxes = yield functools.partial(_fetch_some, uids=wanted[start : start + PULL_BATCH], laptop=link.laptop_uid)
        for n, inbox in enumerate(inboxes):
            if n:  # the app's window gets its turn between two patients verified and stored (each short)
                yield _between_patients
            before = services.audit_mark()
            got = _store_pulled(services, inbox, keys, add_patient=whole_clinic or inbox.patient_uid in mine)
            if spans is not None:
                spans.append((before, services.audit_mark()))
            total += got
            refused += [inbox.patient_uid] if got.refused else []
            if progress is not None:
                progress("pulled", start + n + 1, len(wanted))
    if marks is not None:  # the refused ones kept with it, read again by the next pull
        services.save_pull_mark(link.server, whole_clinic, marks.start, refused, marks.identity)
    return total


def _store_pulled(services: Services, inbox: Inbox, keys: Sequence[PublicKey], *, add_patient: bool) -> Pulled:
    """One pulled patient stored in one transaction: what was new here, or why they were refused."""
    got, refusal = Pulled(), cast(ValidationError | None, None)
    try:
        with services.one_pulled_patient():  # one commit for the patient
            got = services.store_pulled(inbox, keys, add_patient=add_patient)
            try:
                got += services.reconcile_pulled(inbox)
            except ValidationError as exc:  # kept, as before: what was stored and reconciled before it
                refusal = exc
    except ValidationError as exc:
        return Pulled(refused=(refusal_words(inbox, exc, kept=False),))
    got = replace(got, patient_uids=(inbox.patient_uid,)) if got.total else got
    if refusal is not None:
        got += Pulled(refused=(refusal_words(inbox, refusal, kept=got.total > 0),))
    return got


def refusal_words(inbox: Inbox, refusal: ValidationError, *, kept: bool) -> str:
    """Why a pulled patient was refused, naming them: nothing of theirs stored, or (``kept``) their
    signed records stored before their details or a follow-up plan was found not to verify."""
    uid = inbox.patient_uid
    reasons = "; ".join(str(e) for e in refusal.errors[:MAX_REASONS])
    name = inbox.patient.get("full_name")
    who = f"{name} (patient {uid})" if isinstance(name, str) and name.strip() else f"patient {uid}"
    if kept:
        return f"{who}: details and plans not pulled, they do not verify (what was new of the rest was): {reasons}"
    return f"{who}: nothing pulled, it does not verify: {reasons}"


def _holds(link: ClinicLink, whole_clinic: bool | None) -> bool:
    """Whether a pull takes the whole clinic: as asked, or as the laptop's link says."""
    return link.whole_clinic if whole_clinic is None else whole_clinic


def _changed(conn: connection.Connection, *, since: int, laptop_uid: str) -> list[str]:
    return pull.changed_patient_uids(conn, since, laptop_uid)


def _patients_of(conn: connection.Connection, *, practitioner: str, among: list[str] | None) -> set[str]:
    return pull.patients_of(conn, practitioner, among)


def _between_patients(_conn: connection.Connection) -> None:
    """A step with nothing for the server to do: where the app runs the steps (the server's in a worker
    thread, this laptop's on the window's thread between them), the window handles what waits, such
    as a keystroke, before the next patient of a batch is stored."""


def _fetch_some(conn: connection.Connection, *, uids: list[str], laptop: str) -> list[Inbox]:
    return pull.fetch_patients(conn, uids, laptop)


# The patients a pull reads from the server at once (one snapshot, eight statements); each is still
# stored here in a transaction of its own.
PULL_BATCH = 50


MAX_REASONS = 5  # of a refused patient, named


@dataclass(frozen=True)
class Synced:
    pushed: Pushed
    pulled: Pulled
    patients: int
    server_version: int = migrations.LATEST  # the clinic schema's version on the server

    def words(self) -> str:
        behind = server_behind_words(self.server_version)
        return f"{pushed_words(self.pushed, self.patients)}; {pulled_words(self.pulled)}" + (
            f"; {behind}" if behind else ""
        )


def server_behind_words(version: int) -> str:
    """What a sync says of a server whose schema is older than this app's ('' for a current one):
    it works as it is, and its owner can bring it up to date."""
    if version >= migrations.LATEST:
        return ""
    return (
        f"the clinic server's schema is at version {version} and this app's at {migrations.LATEST}: syncing "
        "works as it is, and the clinic's owner can bring the server up to date with cst-notes clinic upgrade"
    )


def sync(services: Services, password: str | None = None, *, whole_clinic: bool | None = None) -> Synced:
    """Push this laptop's immutable records, then pull the others'; ClinicUnreachable when the
    server does not answer (nothing is lost: the changes wait for the next sync)."""
    return _run_here(_linked(services), password, sync_steps(services, whole_clinic=whole_clinic))


def sync_steps(
    services: Services, *, whole_clinic: bool | None = None, progress: SyncProgress | None = None
) -> Generator[ServerWork, Any, Synced]:
    """``sync`` in steps: this laptop's part (a patient's records read, or one patient's pulled
    records stored: each short) runs where the generator is driven, with ``services``' connection
    and its signed-in practitioner; each step it yields is the server's part, for a ``ServerSession``
    (the app runs those in a worker thread: ``run_steps``). ``progress(stage, done, in all)`` after
    each patient pushed, then each pulled (the app's status bar says it)."""
    link = _linked(services)
    mark = services.audit_mark()
    version = yield functools.partial(_schema_version, server=link.server)  # nothing done on a newer one
    # Only the patients changed since the last push the server took: a sync cut short before its
    # end records no mark, so the next one sends them again (the server adds each record once).
    # Every patient when the server is not the one this laptop last pulled from (its transaction ids
    # behind that pull's mark, or its clinic tables made again): it was put back from a backup (or is
    # another server at the same address), and may lack what it took.
    marks = yield pull.change_mark
    went_back = marks is not None and services.server_went_back(link.server, marks)
    ids = services.patient_ids() if went_back else services.patients_to_push()
    pushed = yield from _push(services, link, ids, progress=progress)
    spans: list[tuple[int, int]] = []
    pulled = yield from _pull(services, link, _holds(link, whole_clinic), spans, progress)
    shared = yield from _sync_settings(services)
    pushed, pulled = pushed + shared[0], pulled + shared[1]
    # The pull audits what it stored: those entries go to the server now, not as "changes waiting"
    # that the next sync pushes with the whole patient. Only when nothing else was audited since
    # the mark (a change made while the sync ran waits for the next, whole).
    end = services.audit_mark()
    audited = services.patients_audited_only_in(mark, end, spans)
    if audited is not None:
        if audited:
            pushed += yield from _push(services, link, audited, audit_after=mark)
        mark = end
    done = Synced(pushed, pulled, len(ids), version)
    services.record_sync("sync", mark, done.words(), pulled)
    return done


def _sync_settings(services: Services) -> Generator[ServerWork, Any, tuple[Pushed, Pulled]]:
    """The clinic-wide settings: the server's read and reconciled here (``reconcile_settings``),
    then this laptop's written there when it is an owner's and they changed here; nothing on a
    server whose schema predates them. Settings on the server that break a rule are left there."""
    server = yield server_settings.read_settings
    if server is None:
        return Pushed(), Pulled()
    try:
        out, pulled = services.reconcile_settings(server)
    except ValidationError as exc:
        reasons = "; ".join(str(e) for e in exc.errors[:MAX_REASONS])
        return Pushed(), Pulled(left=(f"the clinic settings: not taken, they do not verify: {reasons}",))
    if out is None:
        return Pushed(), pulled
    version = yield functools.partial(_write_settings, out=out)
    if version is None:  # the server moved on meanwhile: the next sync reconciles again
        return Pushed(), pulled
    services.record_pushed_settings(version, out.body)
    return Pushed(settings=1), pulled


def _write_settings(conn: connection.Connection, *, out: SettingsOut) -> int | None:
    return server_settings.write_settings(conn, out)


def sync_status(services: Services, password: str | None = None, *, ask_server: bool = True) -> SyncStatus:
    """``Services.sync_status`` (last sync, changes waiting), and whether the server answers now
    (a connection tried with a short wait) unless ``ask_server`` is False."""
    status = services.sync_status()
    link = services.clinic_link()
    if link is None or not ask_server:
        return status
    reachable, reason = server_answers(link, password)
    return replace(status, reachable=reachable, reason=reason)


def server_answers(link: ClinicLink, password: str | None = None) -> tuple[bool, str]:
    """Whether the clinic server answers now (a connection tried with a short wait), and why not in
    words, or why it refused when it answered (a password changed, a role removed, a clinic schema
    newer than this app). Touches no SQLite connection, so the app asks it from a worker thread."""
    try:
        with (
            contextlib.closing(connection.connect(link.server, password, timeout=STATUS_TIMEOUT_SECONDS)) as conn,
            _server_errors(),
        ):
            _schema_version(conn, server=link.server)  # a server newer than this app: it answers and refuses
    except ClinicUnreachable as exc:
        return False, str(exc)
    except ClinicServerError as exc:  # it answered, and refused
        return True, str(exc)
    return True, ""


STATUS_TIMEOUT_SECONDS = 3  # the status bar does not wait long for an answer
