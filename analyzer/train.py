"""Train a model: ``python -m analyzer.train NAME --data PATH [--out models/]``.

Each entry of :data:`TRAINERS` names a function ``train(data: Path, out: Path) -> None`` that
cross-validates, fits, writes ``<out>/<NAME>.skops`` with skops and the model card
``<out>/<NAME>.md``. Training data stays outside the project; only the model is committed.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from analyzer.learned.store import models_dir

# name -> "module:function"; each learned part adds its line.
TRAINERS: dict[str, str] = {
    "attribution": "analyzer.learned.train_attribution:train",
    "bias": "analyzer.learned.bias_train:train",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analyzer.train", description=__doc__)
    parser.add_argument("name", choices=sorted(TRAINERS), help="which model to train")
    parser.add_argument("--data", type=Path, required=True, help="data set folder or file")
    parser.add_argument("--out", type=Path, default=None, help="models folder (default: models/)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(
            f"--data {args.data}: no such file or folder (see README, 'Data for evaluation')"
        )
    module, func = TRAINERS[args.name].split(":")
    getattr(importlib.import_module(module), func)(args.data, args.out or models_dir())
    return 0


if __name__ == "__main__":
    sys.exit(main())
