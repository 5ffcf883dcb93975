"""One method per user action. Each write validates first, runs in one transaction, and
returns a ``Changed`` saying what changed, so that every view can refresh itself from it.

The GUI and the CLI talk to the database only through ``Services``, put together here from
one module per concern: ``base`` (connection, clock, reading), ``charting``, ``signing``,
``screening``, ``practice`` and ``files``.
"""

from __future__ import annotations

from cst_notes.domain.damage import DamagedRecord
from cst_notes.services.base import Changed, LockedError, NotAllowedError, NotFoundError, RecordKind
from cst_notes.services.batch import BatchResult, BatchServices, DocumentBatch, cores, document_file_name
from cst_notes.services.charting import ChartingServices
from cst_notes.services.clinic_conflicts import ClinicConflictServices
from cst_notes.services.clinic_link import ClinicLinkServices
from cst_notes.services.encryption import EncryptionDone, EncryptionServices, has_keyring, unlock
from cst_notes.services.files import (
    FileServices,
    Restored,
    database_needs_passphrase,
    encrypt_database,
    move_damaged_aside,
    newest_good_backup,
    restore_backup,
)
from cst_notes.services.practice import PracticeServices
from cst_notes.services.practitioners import PractitionerServices
from cst_notes.services.screening import ScreeningServices
from cst_notes.services.signing import SigningServices
from cst_notes.storage.database import (
    BusyError,
    CheckReport,
    DamagedDatabaseError,
    EncryptionUnavailableError,
    StorageError,
    WrongPassphraseError,
)


class Services(
    ChartingServices,
    ScreeningServices,
    SigningServices,
    PracticeServices,
    EncryptionServices,
    PractitionerServices,
    FileServices,
    ClinicLinkServices,
    ClinicConflictServices,
    BatchServices,
):
    """Every user action on one database."""


__all__ = [
    "INTAKE",
    "PATIENT",
    "PLAN",
    "SESSION",
    "SETTINGS",
    "TECHNIQUES",
    "BatchResult",
    "BusyError",
    "Changed",
    "CheckReport",
    "DamagedDatabaseError",
    "DamagedRecord",
    "DocumentBatch",
    "EncryptionDone",
    "EncryptionUnavailableError",
    "LockedError",
    "NotAllowedError",
    "NotFoundError",
    "RecordKind",
    "Restored",
    "Services",
    "StorageError",
    "WrongPassphraseError",
    "cores",
    "database_needs_passphrase",
    "document_file_name",
    "encrypt_database",
    "has_keyring",
    "move_damaged_aside",
    "newest_good_backup",
    "restore_backup",
    "unlock",
]
