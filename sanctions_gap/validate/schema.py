"""JSON Schemas of the dataset's files, as strict as the vocabulary allows, for editors and CI.

The schemas come from the record types (their field docstrings are the descriptions); the
member file's schema also lists the dataset's category ids, and for each category its levels,
so that an editor completes them and `check-jsonschema` refuses a misspelt one. One rule is
beyond JSON Schema: a date must be written unquoted (YAML tools give a quoted and an unquoted
date alike as text); `sanctions-gap validate` checks that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from sanctions_gap.models import (
    NOT_APPLICABLE,
    Category,
    CategoryFile,
    GroupFile,
    Member,
    SourceKindsFile,
)
from sanctions_gap.validate.shape import adapter

SchemaFile = Literal["member", "categories", "groups", "sources"]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_NOTE = " Write the date unquoted, as YYYY-MM-DD."


def file_schema(
    which: SchemaFile, categories: Mapping[str, Category], members: list[str]
) -> dict[str, Any]:
    """The JSON Schema of one kind of dataset file."""
    if which == "member":
        document = member_schema(categories)
    elif which == "categories":
        document = adapter(CategoryFile).json_schema()
        document["title"] = "sanctions-gap categories.yaml"
    elif which == "groups":
        document = adapter(GroupFile).json_schema()
        document["$defs"]["Group"]["properties"]["members"]["items"] = {"enum": members}
        document["title"] = "sanctions-gap groups.yaml"
    else:
        document = adapter(SourceKindsFile).json_schema()
        document["title"] = "sanctions-gap sources.yaml"
    document["$schema"] = DRAFT
    return document


def member_schema(categories: Mapping[str, Category]) -> dict[str, Any]:
    """The member file's schema, with the categories and their levels as allowed values."""
    document = adapter(Member).json_schema()
    document["title"] = "sanctions-gap member file"
    measure = document["$defs"]["Measure"]
    properties = measure["properties"]
    properties["category"] = {
        "description": properties["category"].get("description", ""),
        "enum": list(categories),
    }
    every = sorted({level for c in categories.values() for level in c.level_ids})
    properties["status"] = {
        "description": properties["status"].get("description", ""),
        "enum": [*every, NOT_APPLICABLE],
    }
    measure["allOf"] = [
        {
            "if": {"properties": {"category": {"const": c.id}}, "required": ["category"]},
            "then": {"properties": {"status": {"enum": [*c.level_ids, NOT_APPLICABLE]}}},
        }
        for c in categories.values()
    ]
    _note_dates(document)
    return document


def _note_dates(node: Any) -> None:
    """Add, to every date field's description, that the date is written unquoted."""
    if isinstance(node, dict):
        formats = [node.get("format"), *(o.get("format") for o in node.get("anyOf", []))]
        if "date" in formats and "description" in node:
            node["description"] += DATE_NOTE
        for value in node.values():
            _note_dates(value)
    elif isinstance(node, list):
        for value in node:
            _note_dates(value)
