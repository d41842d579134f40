"""Progress of a batch on standard error, and the one-line summary at its end."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import IO


@dataclass
class Counts:
    """What a batch did with its articles."""

    scored: int = 0
    unchanged: int = 0
    failed: int = 0
    dropped: int = 0  # stored articles whose input is gone, dropped from the outputs
    seconds: float = 0.0

    def summary(self) -> str:
        """The closing line (articles dropped are named only when there were some).

        Examples
        --------
        >>> Counts(scored=3, unchanged=10, failed=1, seconds=2.345).summary()
        'scored 3, skipped 10 unchanged, failed 1, in 2.3 s'
        >>> Counts(scored=1, unchanged=2, dropped=4, seconds=0.5).summary()
        'scored 1, skipped 2 unchanged, failed 0, dropped 4 no longer in the inputs, in 0.5 s'
        """
        dropped = f"dropped {self.dropped} no longer in the inputs, " if self.dropped else ""
        return (
            f"scored {self.scored}, skipped {self.unchanged} unchanged, "
            f"failed {self.failed}, {dropped}in {self.seconds:.1f} s"
        )


class Progress:
    """A tqdm bar of articles done (scored or skipped), their rate, and errors so far.

    It stays silent when ``enabled`` is false or the stream is not a terminal: logs and pipes get
    only the batch's error and warning lines (the command line prints :meth:`Counts.summary` on a
    terminal only, too).
    """

    def __init__(self, counts: Counts, *, enabled: bool = True, stream: IO[str] | None = None):
        self.counts = counts
        stream = stream if stream is not None else sys.stderr
        self._bar = None
        if enabled and hasattr(stream, "isatty") and stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(
                file=stream, unit=" articles", desc="scoring", dynamic_ncols=True, mininterval=0.25
            )

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)
            self._bar.set_postfix(
                unchanged=self.counts.unchanged, errors=self.counts.failed, refresh=False
            )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
