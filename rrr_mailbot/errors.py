"""The package's one exception hierarchy.

    MailbotError
     ├── ConfigError              the configuration file or environment is wrong
     ├── InputError               a file given on the command line cannot be read as a message
     ├── CommandError             a staff command cannot do what it was asked (unknown reference)
     ├── StoreError               the database or the data folder failed
     │    └── SchemaError         the database schema is not at the version this code needs
     ├── ReaderError              the reader processes (intake.workers) cannot start
     ├── SourceError              the mailbox (Maildir or IMAP) failed
     │    └── SourceAuthError     the mailbox refused our credentials
     └── DeliveryError            a reply could not be handed to the transport
          ├── TransientDeliveryError   worth retrying later (4xx, connection errors, timeouts)
          └── PermanentDeliveryError   retrying will not help (5xx, bad recipient)

Every message is written for an operator: it says what failed and what to do about it. Library
errors are re-raised ``from exc`` so the original cause stays in the traceback.
"""

from __future__ import annotations


class MailbotError(Exception):
    """Base of every error rrr-mailbot raises on purpose."""


class ConfigError(MailbotError):
    """Raised when the configuration file or an environment variable is missing or invalid.

    The message names the file, the key and what is wrong.
    """


class InputError(MailbotError):
    """Raised when a file given on the command line cannot be read (missing, unreadable, empty)."""


class CommandError(MailbotError):
    """Raised when a staff command cannot do what it was asked: a reference or address that names
    nothing in the ledger, a reply already waiting in the outbox, an export folder not empty.

    The message says what to run or check instead.
    """


class StoreError(MailbotError):
    """Raised when the ledger database or the content-addressed data folder fails."""


class SchemaError(StoreError):
    """Raised when the database schema is older or newer than this code expects."""


class ReaderError(MailbotError):
    """Raised when a reader process dies before it is ready to read (a broken install, no memory
    for a process): no message is to blame, so none is quarantined and the pass is retried."""


class SourceError(MailbotError):
    """Raised when the mailbox cannot be reached, selected or updated."""


class SourceAuthError(SourceError):
    """Raised when the mailbox server refuses the configured credentials."""


class DeliveryError(MailbotError):
    """Raised when a reply could not be delivered by the transport."""


class TransientDeliveryError(DeliveryError):
    """Raised for failures worth retrying: SMTP 4xx replies, refused connections, timeouts."""


class PermanentDeliveryError(DeliveryError):
    """Raised for failures that a retry will not fix: SMTP 5xx replies, a rejected recipient."""
