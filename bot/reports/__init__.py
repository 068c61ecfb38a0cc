"""Incitement reports: intake, deduplication, triage workflow, focal-point feed and webhooks.

Uses bot.store for persistence and knows nothing of HTTP (bot.web maps its errors
to status codes) or of the dialogue (which calls ``service.submit_report``).
"""
