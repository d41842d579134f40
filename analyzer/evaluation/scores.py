"""Precision, recall and F1 from counts, printed the same way by every evaluation."""

from __future__ import annotations


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1; None where there is nothing to divide by.

    Examples
    --------
    >>> prf(8, 2, 8)
    (0.8, 0.5, 0.615)
    """
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else None
    return (
        round(p, 3) if p is not None else None,
        round(r, 3) if r is not None else None,
        round(f, 3) if f is not None else None,
    )


def prf_line(label: str, tp: int, fp: int, fn: int) -> str:
    """One report line: ``label  P=0.800 R=0.500 F1=0.615  (tp 8, fp 2, fn 8)``."""
    p, r, f = prf(tp, fp, fn)

    def show(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    return f"{label:<34} P={show(p)} R={show(r)} F1={show(f)}  (tp {tp}, fp {fp}, fn {fn})"
