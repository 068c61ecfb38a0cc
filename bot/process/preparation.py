"""What `hiwar run` does before starting anything: validate, index, train — each only if needed."""

from __future__ import annotations

import logging

from bot.process.rasa_project import RasaProject
from bot.process.training import TrainingResult, ensure_model
from bot.settings import Settings

logger = logging.getLogger(__name__)


class PreparationError(RuntimeError):
    """The knowledge is invalid, or the index or model could not be built."""


def validate_knowledge_or_fail(settings: Settings) -> None:
    """Refuse to start on knowledge files with errors (warnings are only logged)."""
    from bot.knowledge.validate import validate_knowledge

    problems = validate_knowledge(settings.knowledge_dir, settings.approval_max_age_days)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        log = logger.error if problem.severity == "error" else logger.debug
        log("%s", problem)
    if errors:
        raise PreparationError(
            f"{len(errors)} error(s) in {settings.knowledge_dir}; run `hiwar kb validate` to see them"
        )


def ensure_index(settings: Settings) -> None:
    """Build the retrieval index when the knowledge or the encoder changed."""
    from bot.knowledge.loader import load_knowledge
    from bot.retrieval.builds import build_if_stale
    from bot.retrieval.encoders import build_encoder

    knowledge = load_knowledge(settings.knowledge_dir)
    encoder = build_encoder(settings.retrieval)
    result = build_if_stale(knowledge, encoder, settings.var_dir / "index", settings.serves_drafts)
    state = f"built in {result.seconds:.1f} s ({result.reason})" if result.built else "up to date"
    logger.info("retrieval index %s: %s", result.path, state)


def migrate_database(settings: Settings) -> None:
    """Bring our database (reports, queue, analytics) to the current schema."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from bot.store.migrate import upgrade_to_head

    upgrade_to_head(settings)


def prepare(settings: Settings, project: RasaProject) -> TrainingResult:
    """Validate the knowledge, migrate, build the index and train the model, each only if needed."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    validate_knowledge_or_fail(settings)
    migrate_database(settings)
    ensure_index(settings)
    return ensure_model(project, settings)
