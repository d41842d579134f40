"""Worksheet levels, in a module of their own: the command line offers them as choices without
importing the worksheet machinery (:mod:`analyzer.exercises`, ~40 ms every ``score`` would pay).
"""

LEVELS = ("basic", "advanced")
