"""The conversation's logic, one module per flow, called by the thin Rasa actions.

Owns: choosing the reply language, turning retrieval decisions into replies, the
report draft, crisis helplines, initiatives, privacy and the fallback records.
Must not touch: Rasa itself (no rasa_sdk imports here), HTTP, or channel code.
"""
