"""`hiwar run`: prepare, start every process, wait until healthy, stop them all on exit."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from types import FrameType

from bot.process.preparation import PreparationError, prepare
from bot.process.rasa_project import RasaProject
from bot.process.stack import stack_specs
from bot.process.supervisor import StartupError, Supervisor
from bot.process.training import TrainingError
from bot.settings import Settings

logger = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hiwar run`."""
    parser.add_argument(
        "--prepare-only", action="store_true", help="validate, index and train, then exit"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Bring the stack up and keep it up until Ctrl-C or SIGTERM."""
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("received %s; stopping", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    project = RasaProject.from_settings(settings)
    try:
        prepare(settings, project)
    except (PreparationError, TrainingError) as error:
        print(f"hiwar run: {error}")
        return 1
    if args.prepare_only:
        return 0
    supervisor = Supervisor(settings.logs_dir, pid_file=settings.var_dir / "run" / "hiwar.json")
    try:
        return _serve(settings, project, supervisor, stop)
    finally:
        supervisor.stop_all()
        logger.info("every child process stopped")


def _serve(
    settings: Settings, project: RasaProject, supervisor: Supervisor, stop: threading.Event
) -> int:
    try:
        children = [supervisor.start(spec) for spec in stack_specs(settings, project)]
        for child in children:
            supervisor.wait_healthy(child, should_stop=stop.is_set)
    except StartupError as error:
        print(f"hiwar run: {error}")
        return 1
    if stop.is_set():
        return 0
    base = f"http://{settings.web.host}:{settings.web.port}"
    print(
        f"Hiwar is running. Demo page: {base}/  (API docs: {base}/docs). Ctrl-C stops it.",
        flush=True,
    )
    while not stop.wait(1.0):
        exited = supervisor.first_exited()
        if exited is not None:
            print(f"hiwar run: {exited.spec.name} stopped unexpectedly; log: {exited.log_path}")
            return 1
    return 0
