"""Alembic migrations of the ledger, shipped inside the package so an installed wheel can migrate.

Run them through ``rrr_mailbot.store.open_ledger`` (it upgrades under a lock); ``env.py`` is only
loaded by Alembic.
"""
