"""OAuth2 token helper: the command and file sources, their errors, and the SASL strings."""

from __future__ import annotations

import base64
import logging
import shlex
import sys
import time
from pathlib import Path

import pytest

from rrr_mailbot.config import OAuth2Settings
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.oauth import fetch_oauth2_token, oauthbearer_string, xoauth2_string

TOKEN = "ya29.a0AfH6SMBx-secret-token"
# How a command under test prints TOKEN without the token appearing in the command line itself
# (error messages quote the command, which is fine; they must not quote its output).
PRINT_TOKEN = "print('ya29.a0AfH6SMBx' + '-secret-token')"
PY = shlex.quote(sys.executable)


def python_command(code: str) -> str:
    return f"{PY} -c {shlex.quote(code)}"


def test_command_output_is_the_token_stripped() -> None:
    settings = OAuth2Settings(token_command=python_command(f"print('  {TOKEN}  ')"))
    assert fetch_oauth2_token(settings) == TOKEN


def test_command_is_split_like_a_shell_but_not_run_by_one(tmp_path: Path) -> None:
    # The quoted argument arrives as one argv item, and $HOME is not expanded (no shell).
    settings = OAuth2Settings(
        token_command=python_command("import sys; print(sys.argv[1] + '|' + sys.argv[2])")
        + " 'two words' '$HOME'"
    )
    assert fetch_oauth2_token(settings) == "two words|$HOME"


def test_failing_command_names_itself_and_its_stderr_but_not_its_stdout() -> None:
    command = python_command(
        f"import sys; {PRINT_TOKEN}; print('\\nrefresh token expired', file=sys.stderr);"
        " print('second line', file=sys.stderr); sys.exit(3)"
    )
    with pytest.raises(ConfigError) as caught:
        fetch_oauth2_token(OAuth2Settings(token_command=command))
    text = str(caught.value)
    # Only the first non-blank stderr line is quoted.
    assert text.endswith(
        "failed with exit status 3: refresh token expired; run it by hand to fix it"
    )
    assert sys.executable in text
    assert TOKEN not in text


def test_command_printing_nothing_is_refused() -> None:
    command = python_command("import sys; print('no cached credentials', file=sys.stderr)")
    with pytest.raises(ConfigError, match=r"printed no token.*no cached credentials"):
        fetch_oauth2_token(OAuth2Settings(token_command=command))


def test_command_printing_more_than_the_token_is_refused() -> None:
    command = python_command(f"print('Token:'); {PRINT_TOKEN}")
    with pytest.raises(ConfigError, match="more than one line") as caught:
        fetch_oauth2_token(OAuth2Settings(token_command=command))
    assert TOKEN not in str(caught.value)


def test_missing_program_is_a_config_error() -> None:
    settings = OAuth2Settings(token_command="/nonexistent/get-token --account bot")
    with pytest.raises(ConfigError, match="'/nonexistent/get-token' not found"):
        fetch_oauth2_token(settings)


def test_unparsable_command_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="cannot be parsed"):
        fetch_oauth2_token(OAuth2Settings(token_command="get-token 'unclosed"))


def test_hanging_command_is_stopped_at_the_timeout() -> None:
    settings = OAuth2Settings(token_command=python_command("import time; time.sleep(30)"))
    started = time.monotonic()
    with pytest.raises(ConfigError, match=r"did not finish within 0\.5s"):
        fetch_oauth2_token(settings, timeout_s=0.5)
    assert time.monotonic() - started < 10


def test_token_file_is_read_and_stripped(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(f"\n{TOKEN}\n", encoding="utf-8")
    assert fetch_oauth2_token(OAuth2Settings(token_file=path)) == TOKEN


def test_missing_token_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "absent"
    with pytest.raises(ConfigError, match=f"{path}.*No such file"):
        fetch_oauth2_token(OAuth2Settings(token_file=path))


def test_empty_token_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is empty"):
        fetch_oauth2_token(OAuth2Settings(token_file=path))


def test_the_token_never_reaches_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "token"
    path.write_text(TOKEN, encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="rrr_mailbot")
    fetch_oauth2_token(OAuth2Settings(token_file=path))
    fetch_oauth2_token(OAuth2Settings(token_command=python_command(PRINT_TOKEN)))
    assert caplog.records, "the helper logs that it fetched a token"
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


def test_xoauth2_string_matches_the_published_format() -> None:
    # The example from Google's XOAUTH2 protocol page.
    encoded = base64.b64encode(
        xoauth2_string(
            "someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"
        ).encode()
    ).decode()
    assert encoded == (
        "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52"
        "YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="
    )


def test_oauthbearer_string_matches_rfc_7628() -> None:
    # RFC 7628 section 4.1, with the user's ',' and '=' escaped as GS2 requires.
    assert oauthbearer_string(
        "user@example.com",
        "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==",
        host="server.example.com",
        port=143,
    ) == (
        "n,a=user@example.com,\x01host=server.example.com\x01port=143\x01"
        "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01"
    )
    assert oauthbearer_string("a,b=c", "t").startswith("n,a=a=2Cb=3Dc,\x01auth=Bearer t")
