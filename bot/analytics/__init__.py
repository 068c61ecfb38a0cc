"""Usage analytics without personal data: answers, abstentions and feedback per day.

Owns the ``analytics_events`` table (on the operations Base, migrated with it) and the
summaries the dashboard draws. A row holds a day, a kind, an entry id, a language and
a channel — never a pseudonym, a time of day or the user's text — so it cannot be
joined back to a conversation. It must not import the web layer or the dialogue.
"""
