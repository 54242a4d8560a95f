"""Add Norwegian translations to the catalogue: extract the messages afresh, fill in the
given msgstr values, compile. Safe to run from several shells at once (a lock file).

    uv run --with polib python scripts/translate.py translations.json

translations.json: {"English msgid": "Norsk tekst", ...}; for plurals the value is a list
[singular, plural]. Entries already translated are left alone unless given again.
Prints the messages still without a translation.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv", "node_modules", "staticfiles", "static", "tests", ".data", "test-results"]


def main(path: str | None) -> None:
    given = json.loads(Path(path).read_text()) if path else {}
    with open(ROOT / "locale" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "makemessages", "-l", "nb", "--no-obsolete"]
            + [f"--ignore={name}" for name in IGNORE],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        po = polib.pofile(str(PO))
        for entry in po:
            if entry.msgid in given:
                value = given[entry.msgid]
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: value[0], 1: value[1]}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        po.save()
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "compilemessages", "-l", "nb"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    missing = [
        e.msgid
        for e in po
        if not e.obsolete
        and ("fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())))
    ]
    print(f"{len(missing)} messages without a Norwegian translation")
    for msgid in missing:
        print("  ", json.dumps(msgid, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
