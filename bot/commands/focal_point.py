"""``hiwar focal-point``: add, list or revoke focal points (member states, partners, the centre).

The API token and webhook secret are printed once, when created; only the token's
hash is stored, so a lost token is revoked and replaced, never recovered.
"""

from __future__ import annotations

import argparse

from bot.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``hiwar focal-point``."""
    parser.add_argument("action", choices=("add", "list", "revoke"))
    parser.add_argument("--name", help="unique name, e.g. 'Jordan CT unit'")
    parser.add_argument("--country", help='ISO alpha-2 code, or "*" for the centre')
    parser.add_argument("--webhook-url", default=None, help="where verified cases are pushed")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Carry out the action on the configured database."""
    from sqlalchemy import select

    from bot.reports.errors import InvalidReport
    from bot.reports.focal_points import create_focal_point, revoke
    from bot.store.engine import build_session_factory
    from bot.store.migrate import upgrade_to_head
    from bot.store.models import FocalPoint

    upgrade_to_head(settings)
    with build_session_factory(settings)() as session:
        if args.action == "list":
            for point in session.scalars(select(FocalPoint).order_by(FocalPoint.name)):
                state = "active" if point.active else "revoked"
                print(f"{point.name}\t{point.country}\t{state}\t{point.webhook_url or '-'}")
            return 0
        if not args.name:
            print("hiwar focal-point: --name is required")
            return 2
        if args.action == "revoke":
            return 0 if revoke(session, args.name) else 1
        try:
            created = create_focal_point(
                session, name=args.name, country=args.country or "", webhook_url=args.webhook_url
            )
        except InvalidReport as error:
            print(f"hiwar focal-point: {error}")
            return 2
    print(f"API token (shown once): {created.token}")
    if created.webhook_secret:
        print(f"webhook secret (shown once): {created.webhook_secret}")
    return 0
