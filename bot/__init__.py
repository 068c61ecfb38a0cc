"""Hiwar: a bilingual outreach assistant answering from a scholar-curated knowledge base."""
