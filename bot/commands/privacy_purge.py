"""``hiwar privacy purge``: apply the retention period now (for cron, or before a backup)."""

from __future__ import annotations

import argparse
import json
import logging

from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``hiwar privacy purge``."""
    parser.add_argument("--json", action="store_true", help="print rows deleted per table as JSON")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Delete tracker events and our rows older than HIWAR_RETENTION_DAYS; print the counts."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from datetime import UTC, datetime

    from bot.privacy.retention import purge_expired
    from bot.store.engine import build_session_factory
    from bot.store.migrate import upgrade_to_head

    upgrade_to_head(settings)
    factory = build_session_factory(settings)
    with factory() as session:
        deleted = purge_expired(settings, session, datetime.now(UTC))
    factory.kw["bind"].dispose()
    if args.json:
        print(json.dumps(deleted))
    else:
        print(f"Retention {settings.retention_days} days; deleted:")
        for table, count in deleted.items():
            print(f"  {table}: {count}")
    return 0
