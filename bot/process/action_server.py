"""Entry point of the action server: rasa-sdk serving ``actions/`` in the main environment.

Run as ``python -m bot.process.action_server --port 5055``. It runs in a single process so
that ``hiwar run`` can stop it with one signal, and it replaces rasa-sdk's version check:
the SDK (3.21) warns on every call from Rasa 3.6 although the pair is verified by
``tests/integration/test_rasa_pair.py``; we accept 3.6.x silently and warn once otherwise.
"""

from __future__ import annotations

import argparse
import logging
import os

import rasa_sdk
from rasa_sdk import utils as sdk_utils

logger = logging.getLogger(__name__)

VERIFIED_RASA_SERIES = ("3", "6")
_warned_versions: set[str] = set()


def check_rasa_version(rasa_version: str | None) -> None:
    """Accept the verified Rasa 3.6 series; log one warning for any other version."""
    if rasa_version and tuple(rasa_version.split(".")[:2]) == VERIFIED_RASA_SERIES:
        return
    shown = rasa_version or "unknown"
    if shown not in _warned_versions:
        _warned_versions.add(shown)
        logger.warning(
            "Rasa %s calls this action server (rasa-sdk %s); only Rasa 3.6.x is verified",
            shown,
            rasa_sdk.__version__,
        )


def main(argv: list[str] | None = None) -> None:
    """Serve the actions package until interrupted."""
    parser = argparse.ArgumentParser(description="Hiwar action server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    sdk_utils.check_version_compatibility = check_rasa_version  # type: ignore[assignment]
    os.environ.setdefault("SANIC_NO_UVLOOP", "true")

    from rasa_sdk.endpoint import create_app
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package(args.actions)
    app = create_app(executor, cors_origins=[])
    logger.info("action server listening on http://%s:%s", args.host, args.port)
    app.run(host=args.host, port=args.port, single_process=True, access_log=False)


if __name__ == "__main__":
    main()
