"""Write the facts format from its declarations (``breach_desk/domain/facts.py``).

    .venv/bin/python tools/build_schema.py            # regenerate in place
    .venv/bin/python tools/build_schema.py --check    # exit 1 if the committed files are stale

Three files are derived: the JSON Schema shipped in the package (``facts_io`` validates with it),
the same schema compiled ahead of time (``breach_desk/facts_validator.py``, see
``tools/compile_validator.py``) and ``docs/facts-format.md``, the format described for users.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "breach_desk" / "schemas" / "facts.schema.json"
VALIDATOR = ROOT / "breach_desk" / "facts_validator.py"
DOC = ROOT / "docs" / "facts-format.md"


def outputs() -> dict[Path, str]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    from compile_validator import validator_code

    from breach_desk.domain.facts_schema import facts_format_markdown, facts_schema

    return {
        SCHEMA: json.dumps(facts_schema(), indent=2, ensure_ascii=False) + "\n",
        DOC: facts_format_markdown(),
        VALIDATOR: validator_code(facts_schema()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args()
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path.relative_to(ROOT))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        names = ", ".join(str(p) for p in stale)
        print(f"stale: {names}: run tools/build_schema.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
