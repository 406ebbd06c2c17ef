"""Mailbox sources: where applications are read from (see ports.MailSource).

- ``maildir.MaildirSource``: a local Maildir folder, the embedded default.
- ``imap.ImapSource``: a real mailbox over IMAP (TLS, STARTTLS, password or OAuth2, IDLE).

Import the one you need from its module; the IMAP source pulls in imapclient, so it is not
imported here.
"""
