"""Which dates the tense of their clause places differently from the old conventions.

    python benchmarks/date_tense.py --data ../shared/data/polnear/train/text [--limit 400]

Each text is dated by the first ISO date in its file name (PolNeAR's "outlet_2016-02-10_..."
names); texts without one are skipped. For every weekday, month or month-day without a year
that the publication date resolves, the script compares the date the tense gives
(``analyzer.temporal``) with the one the old rule gave (the last such weekday on or before
publication; the month, or month-day, nearest to it), counts them, and prints every date that
changed with its context, for reading: no labelled set of dates exists, so the verdicts in the
README come from reading this list. Texts are taken in a fixed shuffled order (``--seed``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

from analyzer.temporal import DateMention, _year_towards, find_dates

# The patterns whose date can fall either side of publication.
EITHER_SIDE = ("weekday", "month_day", "day_month", "relative_month")


def old_rule(d: DateMention, pub: dt.date) -> str | None:
    """What the same mention resolved to before the tense was read."""
    if d.form == "weekday":
        back = (pub.weekday() - dt.date(d.year, d.month, d.day).weekday()) % 7
        return (pub - dt.timedelta(days=back)).isoformat()
    year = _year_towards(d.month, d.day, pub, None)
    if d.day is None:
        return f"{year:04d}-{d.month:02d}"
    return f"{year:04d}-{d.month:02d}-{d.day:02d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=400, help="texts to read (default 400)")
    parser.add_argument("--seed", type=int, default=1, help="shuffle seed (default 1)")
    args = parser.parse_args()
    files = sorted(args.data.glob("*.txt"))
    random.Random(args.seed).shuffle(files)
    mentions = placed = 0
    changed = []
    for path in files[: args.limit]:
        named = re.search(r"\d{4}-\d{2}-\d{2}", path.name)
        if named is None:
            continue
        published = named.group()
        pub = dt.date.fromisoformat(published)
        text = path.read_text(encoding="utf-8")
        for d in find_dates(text, published):
            if d.form not in EITHER_SIDE or d.resolved is None or d.kind != "relative":
                continue
            if d.form == "relative_month" and d.text.split()[0].lower() in ("last", "next", "this"):
                continue  # the words fix the side
            if d.form == "weekday" and d.text.split()[0].lower() in ("last", "next"):
                continue
            mentions += 1
            placed += d.tense is not None
            before = old_rule(d, pub)
            if before != d.resolved:
                context = text[max(0, d.start - 110) : d.end + 60].replace("\n", " ")
                changed.append(
                    f"{published} “{d.text}”: {before} -> {d.resolved} "
                    f"[{d.tense}: {d.cue}] :: {context}"
                )
    print(
        f"{mentions} dates that can fall either side of publication; placed by the tense: "
        f"{placed}; changed from the old rule: {len(changed)}"
    )
    for line in changed:
        print(line)


if __name__ == "__main__":
    main()
