from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialogue.nlu_eval import from_parse, macro_f1, read_examples, recall


def test_macro_f1_and_recall() -> None:
    gold = ["a", "a", "b", "crisis"]
    predicted = ["a", "b", "b", "crisis"]
    assert macro_f1(gold, predicted) == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert recall(gold, predicted, "crisis") == 1.0
    assert recall(gold, predicted, "a") == 0.5


def test_read_examples_strips_entity_annotations(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: report_incitement\n  examples: |\n    - a post on [telegram](platform)\n- lookup: platform\n  examples: |\n    - tg\n'
    )
    assert [(e.text, e.intent) for e in read_examples(path)] == [
        ("a post on telegram", "report_incitement")
    ]


def test_prediction_looks_under_the_fallback() -> None:
    parsed = {
        "intent": "nlu_fallback",
        "ranking": [["nlu_fallback", 0.4], ["crisis", 0.35], ["greet", 0.2]],
    }
    prediction = from_parse(parsed)
    assert (prediction.intent, prediction.confidence, prediction.raw_intent) == (
        "crisis",
        0.35,
        "nlu_fallback",
    )


def test_heldout_files_cover_every_intent_and_are_not_training_data() -> None:
    from bot.settings import PROJECT_ROOT

    heldout = PROJECT_ROOT / "nlu_data" / "heldout"
    for lang in ("ar", "en"):
        examples = read_examples(heldout / f"{lang}.yml")
        training = {
            e.text
            for path in (PROJECT_ROOT / "nlu_data" / lang).glob("*.yml")
            for e in read_examples(path)
        }
        assert len({e.intent for e in examples}) == 23
        assert not {e.text for e in examples} & training
        assert sum(e.intent == "crisis" for e in examples) >= 20


def test_the_safety_net_counts_as_a_crisis_response_both_ways() -> None:
    from bot.dialogue.nlu_eval import Example, crisis_caught, false_crisis

    examples = [Example("a", "crisis"), Example("b", "ask_question"), Example("c", "greet")]
    results = [
        {"ranking": [["nlu_fallback", 0.4], ["ask_question", 0.3], ["crisis", 0.25]]},  # net
        {"ranking": [["nlu_fallback", 0.4], ["ask_question", 0.3], ["crisis", 0.25]]},  # net
        {"ranking": [["greet", 0.9], ["crisis", 0.05]]},  # confident: no net
    ]
    assert crisis_caught(examples, results, threshold=0.4) == 1.0
    assert false_crisis(examples, results, threshold=0.4) == 0.5
