"""The out-of-scope file: example questions the bot must not answer from its entries.

``knowledge/out_of_scope.yaml`` lists topics outside what the centre answers here
(prayer, fasting, inheritance, everyday life, ...), each with example questions in
both languages, read like an entry's phrasings. Search indexes them beside the
entries; a message closest to one of them is abstained on instead of being matched
to the least-bad entry (``bot.retrieval.knowledge_search``).
"""

from __future__ import annotations

from yaml.nodes import Node

from bot.knowledge.entries import read_questions, read_slug
from bot.knowledge.model import OutOfScopeTopic
from bot.knowledge.yamlnodes import FileReader

FIELDS = ("id", "questions")


def read_out_of_scope_topic(reader: FileReader, node: Node, path: str) -> OutOfScopeTopic | None:
    """{id, questions: {ar: [...], en: [...]}}, at least three questions per language."""
    fields = reader.fields(node, path, FIELDS, FIELDS)
    if fields is None or len(fields) < len(FIELDS):
        return None
    before = len(reader.problems)
    topic_id, questions = read_slug(reader, fields, "id"), read_questions(reader, fields)
    if topic_id is None or questions is None or reader.has_errors_since(before):
        return None
    return OutOfScopeTopic(topic_id, questions)
