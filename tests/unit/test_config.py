"""Settings: one TOML file plus environment variables for secrets; clear errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from rrr_mailbot.config import default_config_path, load_settings
from rrr_mailbot.errors import ConfigError

PRODUCTION = Path(__file__).parents[2] / "config" / "production.example.toml"
SECRETS = {"RRR_MAILBOT_IMAP_PASSWORD": "imap-secret", "RRR_MAILBOT_SMTP_PASSWORD": "smtp-secret"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_config_describes_the_rrr_call() -> None:
    settings = load_settings(default_config_path(), env={})
    call = settings.call
    assert call.document_ids == ("application_form", "letter_of_intent")
    assert call.deadline_utc == datetime(2021, 5, 21, 21, 0, tzinfo=UTC)
    for rule in call.documents:
        assert {"en", "es", "pt", "fr", "de", "it", "pl"} <= set(rule.filename_cues)
    assert settings.mailbox.kind == "maildir"
    assert settings.transport.kind == "file"


def test_production_example_loads_with_secrets_from_the_environment() -> None:
    settings = load_settings(PRODUCTION, env=SECRETS)
    assert settings.mailbox.kind == "imap"
    assert settings.mailbox.password is not None
    assert settings.mailbox.password.get_secret_value() == "imap-secret"
    assert "imap-secret" not in repr(settings)
    assert "smtp-secret" not in str(settings.model_dump())
    # call_from takes the packaged call, the file's own [call] keys on top
    assert settings.call.reply_from == "applications@your-org.example"
    assert settings.call.document_ids == ("application_form", "letter_of_intent")


def test_missing_password_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="RRR_MAILBOT_IMAP_PASSWORD"):
        load_settings(PRODUCTION, env={"RRR_MAILBOT_SMTP_PASSWORD": "x"})


def test_database_url_from_the_environment_overrides_the_file() -> None:
    url = "postgresql+psycopg://bot:pw@db/rrr"
    settings = load_settings(PRODUCTION, env={**SECRETS, "RRR_MAILBOT_DATABASE_URL": url})
    assert settings.database.url.get_secret_value() == url
    assert "pw@" not in repr(settings.database)


def test_password_in_the_file_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'call_from = "rrr-2021.toml"\n[call]\n[mailbox]\nkind = "imap"\nhost = "h"\n'
        'username = "u"\npassword = "hunter2"\n',
    )
    with pytest.raises(ConfigError, match=r"\[mailbox\] password: secrets must not be written"):
        load_settings(path, env={})


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('call_from = "rrr-2021.toml"\n[call]\ntimezone = "Mars/Olympus"\n', "call.timezone"),
        ('call_from = "rrr-2021.toml"\n[call]\ndeadline = "soon"\n', "call.deadline"),
        (
            'call_from = "rrr-2021.toml"\n[call]\n[call.limits]\nmax_documents = -1\n',
            "max_documents",
        ),
        ('call_from = "rrr-2021.toml"\n[call]\ncolour = "red"\n', "call.colour"),
        ('call_from = "rrr-2021.toml"\n[call]\n[mailbox]\nkind = "pop3"\n', "mailbox"),
        ("[call\n", "not valid TOML"),
        ('call_from = "nowhere.toml"\n', "nowhere.toml"),
    ],
)
def test_errors_name_the_file_and_the_key(tmp_path: Path, body: str, fragment: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    assert str(path) in str(info.value)
    assert fragment in str(info.value)


def test_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_settings(tmp_path / "absent.toml", env={})


def test_config_path_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, 'call_from = "rrr-2021.toml"\n[call]\nname = "Other call"\n')
    assert load_settings(env={"RRR_MAILBOT_CONFIG": str(path)}).call.name == "Other call"


def test_the_documented_password_variables_are_the_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'call_from = "rrr-2021.toml"\n[call]\n'
        '[mailbox]\nkind = "imap"\nhost = "imap.example"\nusername = "u"\n'
        '[transport]\nkind = "smtp"\nhost = "smtp.example"\nusername = "u"\n',
    )
    settings = load_settings(path, env=SECRETS)
    assert settings.mailbox.password is not None
    assert settings.mailbox.password.get_secret_value() == "imap-secret"
    assert settings.transport.password is not None
    assert settings.transport.password.get_secret_value() == "smtp-secret"


def test_ocr_settings_default_on_with_the_calls_languages(tmp_path: Path) -> None:
    from rrr_mailbot.intake.ocr import TesseractOcr

    settings = load_settings(default_config_path(), env={})
    assert settings.ocr.enabled
    assert settings.ocr.language_codes == (
        "eng", "spa", "por", "fra", "deu", "ita", "pol", "nld", "cat",
    )  # fmt: skip
    assert (settings.ocr.max_pages, settings.ocr.timeout_s) == (3, 20.0)
    engine = TesseractOcr.from_settings(settings.ocr, tmp_path / "store")
    assert engine is not None and engine.cache_dir == tmp_path / "store" / "ocr-cache"
    production = load_settings(PRODUCTION, env=SECRETS).ocr
    assert production.cache_dir == Path("/var/lib/rrr-mailbot/store/ocr-cache")


def test_ocr_can_be_turned_off_and_bad_values_are_refused(tmp_path: Path) -> None:
    from rrr_mailbot.intake.ocr import TesseractOcr

    off = load_settings(write(tmp_path, 'call_from = "rrr-2021.toml"\n[ocr]\nenabled = false\n'))
    assert TesseractOcr.from_settings(off.ocr, tmp_path) is None
    for body, key in (
        ('languages = "eng, spa"', "ocr.languages"),
        ("timeout_s = 0", "ocr.timeout_s"),
        ("max_pages = 0", "ocr.max_pages"),
        ("dpi = 300", "ocr.dpi"),
    ):
        with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
            load_settings(write(tmp_path, f'call_from = "rrr-2021.toml"\n[ocr]\n{body}\n'))


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        ("", (10, 24.0)),
        ("max_replies_per_sender_per_day = 4\n", (4, 24.0)),  # the earlier name still works
        ("max_replies_per_sender = 3\nreply_window_h = 0.5\n", (3, 0.5)),
    ],
)
def test_the_reply_cap_and_its_window(
    tmp_path: Path, limits: str, expected: tuple[int, float]
) -> None:
    path = tmp_path / "call.toml"
    path.write_text(f'call_from = "rrr-2021.toml"\n[call.limits]\n{limits}', encoding="utf-8")
    got = load_settings(path, env={}).call.limits
    assert (got.max_replies_per_sender, got.reply_window_h) == expected


@pytest.mark.parametrize(
    ("host", "security", "warned"),
    [
        ("mail.city.example", "none", True),
        ("127.0.0.1", "none", False),
        ("mail.city.example", "tls", False),
    ],
)
def test_a_connection_without_tls_to_another_host_is_warned_about(
    tmp_path: Path, host: str, security: str, warned: bool
) -> None:
    from rrr_mailbot.config import plaintext_connections
    from rrr_mailbot.doctor import tls_check

    path = tmp_path / "plain.toml"
    path.write_text(
        'call_from = "rrr-2021.toml"\n[mailbox]\nkind = "imap"\n'
        f'host = "{host}"\nsecurity = "{security}"\nusername = "bot"\n',
        encoding="utf-8",
    )
    settings = load_settings(path, env={"RRR_MAILBOT_IMAP_PASSWORD": "x"})
    found = plaintext_connections(settings)
    assert bool(found) is warned
    if warned:
        assert "[mailbox]" in found[0] and host in found[0] and "starttls" in found[0]
    assert tls_check(settings).warning is warned
