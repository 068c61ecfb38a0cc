"""The curated knowledge: file format, loading, validation, scripture quotation, rendering.

Owns everything under ``knowledge/`` and turns it into typed records
(``bot.knowledge.model``). A foundation package: it imports nothing of ours outside
itself (the optional confusable-entry check receives its encoder as a callable).
"""
