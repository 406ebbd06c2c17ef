"""rrr-mailbot: takes applications to a call by email.

A message's way through the house: source -> intake -> classify -> decide -> store + outbox (one
commit) -> source.mark_processed -> transport. See README.md and docs in the repository.
"""

__version__ = "0.1.0"
