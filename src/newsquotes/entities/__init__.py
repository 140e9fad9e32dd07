"""Entities: cleaned mentions of the model's spans, one entity per thing per article."""

from newsquotes.entities.extract import (
    Entity,
    entity_at,
    entity_rows,
    extract_entities,
    mention_rows,
)
from newsquotes.entities.mentions import Mention, find_mentions

__all__ = [
    "Entity",
    "Mention",
    "entity_at",
    "entity_rows",
    "extract_entities",
    "find_mentions",
    "mention_rows",
]
