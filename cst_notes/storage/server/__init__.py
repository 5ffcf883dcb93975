"""The clinic's shared record on a stock PostgreSQL server (issue 17): its schema, roles and guards.

The laptop keeps its own SQLite file and works offline; a clinic adds one PostgreSQL database that
the laptops sync with. The server does the guarding itself, so that no client (ours, psql, any
other) can get around it:

Tables (schema ``clinic``, ``migrations/s001_clinic_schema.sql``), keyed by the records' uids, each
record's content as the export format writes it (``domain.record_format``) in a ``jsonb`` column
beside the columns the server needs to guard and find it:

- mutable: ``patients`` (details), ``intakes`` and ``sessions`` while drafts, ``plans``,
  ``screening_entries``. Each carries a ``version``; a trigger lets an UPDATE through only as the
  next version, so a write based on a stale read is refused. A laptop writes a patient's details
  only from the version it last synced at (``push.push_details``); two offline edits are kept on
  the laptop as a conflict for a person (``services.clinic_conflicts``).
- immutable: signed ``sessions`` and ``intakes``, ``addenda``, ``audit_entries`` (each laptop's hash
  chain, by origin and entry hash), ``session_documents`` (the patient copy of a signed session),
  ``practitioner_keys``. Triggers refuse every UPDATE, DELETE and TRUNCATE of them, by any role,
  the tables' owner included. They merge by uid: a union.
- ``session_private_notes``: a session's private notes in a table of their own, under row-level
  security (FORCEd, so the tables' owner too): a row is visible to, and writable by, its
  ``author_role`` only.

Roles (``roles.py``): a group role per kind of practitioner, its grants derived from
``domain.access``; one LOGIN role per practitioner (``practitioners.py``), a member of its group.
The front desk's group holds no privilege on any clinical table: the server answers "permission
denied". Only a superuser is above all this; the clinic's owner role must not be one.

psycopg is imported by this package only: the laptop's own path never imports it.
"""
