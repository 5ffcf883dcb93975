"""The database: opening, migrations, backups, and repositories that return domain objects."""
