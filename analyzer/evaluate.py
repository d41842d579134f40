"""Evaluate a signal against labelled data: ``python -m analyzer.evaluate NAME --data PATH``.

Each entry of :data:`EVALUATORS` names a function ``evaluate(data: Path, split: str) -> str``
returning the printed report (precision, recall, F1 and the signal's own figures). Figures in the
README and model cards are pasted from these reports, with the command that produced them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

# name -> "module:function"; each evaluated signal adds its line.
EVALUATORS: dict[str, str] = {
    "attribution": "analyzer.learned.evaluate_attribution:evaluate",
    "claims": "analyzer.evaluation.claims:evaluate",
    "hedging": "analyzer.evaluation.hedging:evaluate",
    "ai_style": "analyzer.evaluation.ai_style:evaluate",
    "ai_style_human": "analyzer.evaluation.ai_style:evaluate_human",
    "compare": "analyzer.compare.evaluate:evaluate",
    "bias": "analyzer.learned.bias_eval:evaluate",
    "bias-words": "analyzer.learned.bias_words_eval:evaluate",
    "roles": "analyzer.evaluation.bias_rules:evaluate_roles",
    "reply": "analyzer.evaluation.bias_rules:evaluate_reply",
    "language": "analyzer.evaluation.language:evaluate",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analyzer.evaluate", description=__doc__)
    parser.add_argument("name", choices=sorted(EVALUATORS), help="which signal to evaluate")
    parser.add_argument("--data", type=Path, required=True, help="labelled data folder or file")
    parser.add_argument("--split", default="dev", help="which split to score (default: dev)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(
            f"--data {args.data}: no such file or folder (see README, 'Data for evaluation')"
        )
    module, func = EVALUATORS[args.name].split(":")
    print(getattr(importlib.import_module(module), func)(args.data, args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
