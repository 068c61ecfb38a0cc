"""Hiwar's own database: engine and sessions, the schema, its migrations, privacy sweeps.

Owns every table of the operations side (reports, focal points, webhook outbox, the
scholars' review queue). It knows nothing of HTTP, Rasa or the dialogue: callers pass
a Session in and decide when to commit. Rasa's tracker store is Rasa's own.
"""
