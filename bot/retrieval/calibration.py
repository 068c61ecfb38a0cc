"""Decision thresholds and fusion parameters, with the figures they were measured from.

``hiwar eval --calibrate`` writes the configured encoder's section of
``knowledge/calibration.json``; for an encoder without a section the conservative
defaults shipped beside this module (same schema) apply. No threshold is a
constant in code.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bot.retrieval.fusion import FusionParams

logger = logging.getLogger(__name__)
DEFAULTS_FILE = Path(__file__).with_name("default_calibration.json")
SCHEMA = 2


@dataclass(frozen=True)
class Thresholds:
    """Score limits of the answer / clarify / abstain decision (fused-score units).

    - below ``abstain`` (``strict`` on the low-NLU-confidence path): abstain;
    - at or above ``answer`` with the runner-up more than ``clarify_margin`` behind: answer;
    - otherwise: "did you mean" with the close candidates.
    """

    abstain: float
    answer: float
    clarify_margin: float
    strict: float


@dataclass(frozen=True)
class Calibration:
    """Everything a KnowledgeSearcher needs to turn scores into decisions."""

    thresholds: Thresholds
    fusion: FusionParams
    encoder: str
    source: str = "defaults"
    figures: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """This encoder's section of the calibration file."""
        return {
            "source": self.source,
            "note": self.note,
            "fusion": self.fusion.to_dict(),
            "thresholds": asdict(self.thresholds),
            "figures": self.figures,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], encoder: str, origin: Path) -> Calibration:
        """Parse one encoder's section, naming the file on any problem."""
        try:
            return cls(
                thresholds=Thresholds(**data["thresholds"]),
                fusion=FusionParams.from_dict(data["fusion"]),
                encoder=encoder,
                source=str(data.get("source", "")),
                figures=dict(data.get("figures", {})),
                note=str(data.get("note", "")),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"{origin}: invalid calibration for {encoder} ({error})") from error


def _sections(path: Path) -> dict[str, Any]:
    """The per-encoder sections of a calibration file (empty if it does not exist)."""
    if not path.is_file():
        return {}
    document = json.loads(path.read_text("utf-8"))
    if document.get("schema") != SCHEMA or not isinstance(document.get("encoders"), dict):
        raise ValueError(f"{path}: not a calibration file of schema {SCHEMA}")
    return dict(document["encoders"])


def load_calibration(path: Path | None, encoder_name: str) -> Calibration:
    """The calibration of this encoder from ``path``, else the shipped conservative defaults.

    Thresholds are per encoder because each encoder's scores have their own scale;
    switching encoders in settings therefore never applies another encoder's limits.
    """
    calibrated = _sections(path) if path is not None else {}
    if encoder_name in calibrated:
        return Calibration.from_dict(calibrated[encoder_name], encoder_name, path or DEFAULTS_FILE)
    logger.warning(
        "no calibration for encoder %s in %s; using conservative defaults "
        "(run hiwar eval --calibrate)",
        encoder_name,
        path,
    )
    defaults = _sections(DEFAULTS_FILE)
    section = defaults.get(encoder_name, defaults["*"])
    return Calibration.from_dict(section, encoder_name, DEFAULTS_FILE)


def save_calibration(calibration: Calibration, path: Path) -> None:
    """Write this encoder's section, keeping the other encoders' (atomic replace)."""
    sections = _sections(path)
    sections[calibration.encoder] = calibration.to_dict()
    document = {"schema": SCHEMA, "encoders": dict(sorted(sections.items()))}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    temporary.replace(path)
