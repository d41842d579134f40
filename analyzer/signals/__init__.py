"""Signals: each module reads the Document (and, where it needs one, another signal's output
passed in as an argument) and returns what it found, sorted by position.

Run order lives in :func:`analyzer.pipeline.analyze_document`; a signal never imports another
signal's internals.
"""
