"""Small datasets for the engine's tests, written as YAML and loaded through validation.

Each test states its data with ``rec`` and ``member``, then calls ``build``:

    ds = build(tmp_path, member("JP", rec("central_bank", "full", "2022-03-01")))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from sanctions_gap.dataset import Dataset
from sanctions_gap.errors import DataError
from sanctions_gap.validate import load_dataset

REVIEWED = dt.date(2026, 11, 27)

CATEGORIES: list[dict[str, Any]] = [
    {
        "id": "central_bank",
        "label": "Central Bank of Russia",
        "family": "financial",
        "description": "Measures against the Central Bank of Russia.",
        "levels": [
            {"id": "none", "description": "No measure."},
            {"id": "partial", "description": "Restrictions short of a prohibition."},
            {"id": "full", "description": "A general prohibition."},
        ],
    },
    {
        "id": "sberbank",
        "label": "Sberbank",
        "family": "financial",
        "description": "Measures against Sberbank.",
        "levels": [
            {"id": "none", "description": "No measure."},
            {"id": "capital_market", "description": "Capital-market restrictions."},
            {"id": "correspondent_ban", "description": "A correspondent-account ban."},
            {"id": "full_blocking", "description": "A full asset freeze."},
        ],
    },
    {
        "id": "swift_exclusion",
        "label": "SWIFT exclusion",
        "family": "financial",
        "description": "Disconnection of Russian banks from SWIFT.",
        "levels": [
            {"id": "none", "description": "No requirement."},
            {"id": "partial", "description": "Named banks disconnected."},
        ],
        "not_applicable_when": "The member has no power over SWIFT.",
    },
    {
        "id": "airspace_ban",
        "label": "Airspace closure",
        "family": "transport",
        "description": "Closure of the airspace to Russian aircraft.",
        "weight": 2.0,
        "levels": [
            {"id": "none", "description": "Open."},
            {"id": "full", "description": "Closed."},
        ],
    },
]
"""Four categories of 3, 4, 2 and 2 levels; ``airspace_ban`` weighs 2 in the index."""


def day(value: str | dt.date) -> dt.date:
    """A date from ``YYYY-MM-DD``."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def rec(
    category: str,
    status: str,
    effective: str | dt.date | None = None,
    *,
    announced: str | dt.date | None = None,
    confirmed: str | dt.date | None = None,
    exemptions: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """A record; without ``effective`` it is a standing absence (confirmed on REVIEWED)."""
    record: dict[str, Any] = {"category": category, "status": status}
    if effective is not None:
        record["effective"] = day(effective)
        if announced is not None:
            record["announced"] = day(announced)
    else:
        record["confirmed"] = day(confirmed) if confirmed is not None else REVIEWED
    record["instrument"] = f"Instrument on {category}"
    record["summary"] = f"{status} in {category}"
    if exemptions:
        record["exemptions"] = [dict(e) for e in exemptions]
    record["sources"] = [
        {"citation": f"Act {category} {effective}", "title": f"Act on {category}"},
        {"url": "https://example.org/page", "title": "A page"},
    ]
    return record


def member(code: str, *records: dict[str, Any], inherits: Iterable[str] = ()) -> dict[str, Any]:
    """A member file's content."""
    content: dict[str, Any] = {"code": code, "name": f"Member {code}", "reviewed": REVIEWED}
    if inherits:
        content["inherits"] = list(inherits)
    content["measures"] = list(records)
    return content


def write(
    root: Path,
    *members: dict[str, Any],
    categories: Sequence[Mapping[str, Any]] = CATEGORIES,
    groups: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """Write a dataset directory; the group ``ALL`` holds every member unless ``groups``."""
    (root / "members").mkdir(parents=True, exist_ok=True)
    _dump(root / "categories.yaml", {"categories": [dict(c) for c in categories]})
    codes = sorted(m["code"] for m in members)
    chosen = groups if groups is not None else {"ALL": codes}
    _dump(
        root / "groups.yaml",
        {
            "groups": [
                {"id": name, "label": f"Group {name}", "members": list(group)}
                for name, group in chosen.items()
            ]
        },
    )
    for content in members:
        _dump(root / "members" / f"{content['code'].lower()}.yaml", content)
    return root


def build(
    root: Path,
    *members: dict[str, Any],
    categories: Sequence[Mapping[str, Any]] = CATEGORIES,
    groups: Mapping[str, Sequence[str]] | None = None,
) -> Dataset:
    """Write a dataset directory and load it through validation."""
    try:
        return load_dataset(write(root, *members, categories=categories, groups=groups))
    except DataError as error:  # show the issues: a fixture must itself be valid
        raise AssertionError("\n".join(map(str, error.issues))) from None


LADDER_PEERS = ("AA", "BB", "CC", "DD", "EE")
"""The peers of JP in ``ladder_members``."""


def ladder_members() -> list[dict[str, Any]]:
    """The dataset, category by category (JP is the member asked about):

    central_bank  JP  none (standing); partial from 2022-06-01; back to none from 2022-09-01
                  AA  full from 2022-03-01
                  BB  partial from 2022-05-01 (announced 2022-04-20); back to none 2022-08-01
                  CC  none (standing)        DD  unknown        EE  not applicable
    airspace_ban  JP  none (standing)
                  AA  full from 2022-02-28   BB  full from 2022-03-02
                  CC  not applicable          DD  unknown
                  EE  full from 2022-03-01, back to none from 2022-07-01
    sberbank      nobody has a record: unknown for all.
    swift         JP  not applicable; AA partial from 2022-03-12.
    """
    return [
        member(
            "JP",
            rec("central_bank", "none"),
            rec("central_bank", "partial", "2022-06-01"),
            rec("central_bank", "none", "2022-09-01"),
            rec("airspace_ban", "none"),
            rec("swift_exclusion", "not_applicable"),
        ),
        member(
            "AA",
            rec("central_bank", "full", "2022-03-01"),
            rec("airspace_ban", "full", "2022-02-28"),
            rec("swift_exclusion", "partial", "2022-03-12"),
        ),
        member(
            "BB",
            rec("central_bank", "partial", "2022-05-01", announced="2022-04-20"),
            rec("central_bank", "none", "2022-08-01"),
            rec("airspace_ban", "full", "2022-03-02"),
        ),
        member("CC", rec("central_bank", "none"), rec("airspace_ban", "not_applicable")),
        member("DD"),
        member(
            "EE",
            rec("central_bank", "not_applicable"),
            rec("airspace_ban", "full", "2022-03-01"),
            rec("airspace_ban", "none", "2022-07-01"),
        ),
    ]


class _Dumper(yaml.SafeDumper):
    # The loader refuses aliases, and PyYAML would write one for every shared date object.
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(path: Path, content: Any) -> None:
    text = yaml.dump(content, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
