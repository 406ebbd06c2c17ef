"""Alembic revision files of the ledger schema, oldest first."""
