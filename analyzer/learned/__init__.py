"""Learned parts: scikit-learn pipelines trained by ``python -m analyzer.train``, saved with skops.

Each model lives in ``models/<name>.skops`` beside ``models/<name>.md`` (its model card) and is
loaded with :func:`analyzer.learned.store.load_model`, which trusts only the types it names.
Analysis runs read ``models/<name>.fast.npz`` instead, the plain arrays prediction needs, written
with the model and used only while it matches the .skops file (:mod:`analyzer.learned.store`).
"""
