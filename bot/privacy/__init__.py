"""Privacy jobs that span stores: retention of raw conversation events, and data export.

Reads and deletes rows in Rasa's tracker store (its ``events`` table, by SQL) and
delegates our own tables to bot.store.privacy. Knows nothing of HTTP.
"""
