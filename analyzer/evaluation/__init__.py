"""Evaluations of the claims, hedging and AI-style signals against labelled data.

Each module exposes ``evaluate(data: Path, split: str) -> str`` for ``python -m
analyzer.evaluate``; the README quotes their output with the command that produced it.
"""
