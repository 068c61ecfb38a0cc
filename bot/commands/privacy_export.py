"""``hiwar privacy export``: one person's data as JSON, for a request received by e-mail or post."""

from __future__ import annotations

import argparse
import json
import logging

from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``hiwar privacy export``."""
    parser.add_argument("identifier", help="the pseudonym, or the raw id with --channel")
    parser.add_argument(
        "--channel", choices=("telegram", "web"), help="pseudonymise IDENTIFIER for this channel"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print everything stored about one person (tracker events, questions, reports)."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from bot.privacy.export import export_user_data, resolve_pseudonym
    from bot.store.engine import build_session_factory
    from bot.store.migrate import upgrade_to_head

    try:
        pseudonym = resolve_pseudonym(settings, args.identifier, args.channel)
    except ValueError as error:
        print(error)
        return 2
    upgrade_to_head(settings)
    factory = build_session_factory(settings)
    with factory() as session:
        data = export_user_data(settings, session, pseudonym)
    factory.kw["bind"].dispose()
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return 0
