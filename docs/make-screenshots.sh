#!/bin/sh
# Regenerates the pictures of the replies in docs/replies/ (shown in README.md, "What applicants
# receive") from `rrr-mailbot preview`, with headless Chromium (Debian's `chromium` package).
#
#   sh docs/make-screenshots.sh
#
# Each picture is the reply as a mail client shows it: From, To, Subject and Date from the .eml
# that would be sent, then its HTML part as written. Chromium screenshots a fixed window, so the
# picture is cut below the last line of text and stored with a small palette (each under ~150 KB).
set -eu

command -v chromium >/dev/null || {
    echo "make-screenshots.sh needs headless Chromium: apt-get install chromium" >&2
    exit 1
}

repo=$(cd "$(dirname "$0")/.." && pwd)
dest="$repo/docs/replies"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The replies, rendered by this checkout's code with the packaged RRR 2021 call.
cd "$repo"
RRR_MAILBOT_CONFIG= python3 -m rrr_mailbot.cli preview --out "$work/preview" >/dev/null

# language/kind pairs to show: each kind in English, and one receipt in Spanish.
shots="en/acknowledgement en/incomplete en/late es/acknowledgement"

# A page per reply: the headers of its .eml above its HTML body.
python3 - "$work" $shots <<'EOF'
import email
import email.policy
import html
import sys
from pathlib import Path

work = Path(sys.argv[1])
for shot in sys.argv[2:]:
    raw = (work / "preview" / f"{shot}.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    rows = "".join(
        f"<tr><th>{name}</th><td>{html.escape(str(message[name]))}</td></tr>"
        for name in ("From", "To", "Subject", "Date")
    )
    body = message.get_body(("html",))
    assert body is not None, f"{shot}: no HTML part"
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        "body{margin:0;background:#fff;font-family:Arial,Helvetica,sans-serif}"
        "table.h{width:100%;border-collapse:collapse;background:#f1f3f5;"
        "border-bottom:1px solid #ccd;font-size:14px}"
        "table.h th{text-align:right;color:#555;padding:4px 8px;width:80px;font-weight:normal}"
        "table.h td{padding:4px 8px}"
        f'</style></head><body><table class="h">{rows}</table>'
        f'<iframe srcdoc="{html.escape(body.get_content())}" '
        'style="border:0;width:100%;height:1900px"></iframe></body></html>'
    )
    (work / f"{shot.replace('/', '-')}.html").write_text(page, encoding="utf-8")
EOF

mkdir -p "$dest"
for shot in $shots; do
    name=$(echo "$shot" | tr / -)
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --hide-scrollbars --user-data-dir="$work/profile" \
        --screenshot="$work/$name.png" --window-size=760,2000 \
        "file://$work/$name.html" >/dev/null 2>&1
    test -s "$work/$name.png"
done

# Cut the white space below the text, reduce to a palette, and store.
python3 - "$work" "$dest" $shots <<'EOF'
import sys
from pathlib import Path

from PIL import Image, ImageChops

work, dest = Path(sys.argv[1]), Path(sys.argv[2])
for shot in sys.argv[3:]:
    name = shot.replace("/", "-")
    image = Image.open(work / f"{name}.png").convert("RGB")
    ink = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
    assert ink is not None, f"{name}: blank screenshot"
    image = image.crop((0, 0, image.width, min(image.height, ink[3] + 24)))
    target = dest / f"{name}.png"
    image.quantize(colors=64).save(target, optimize=True)
    print(f"{target.relative_to(dest.parent.parent)}: {target.stat().st_size // 1024} KB")
EOF
