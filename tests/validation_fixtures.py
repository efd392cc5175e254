"""A small valid dataset whose every line is known, and ways to break exactly one thing in it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

CATEGORIES_YAML = """\
# Three categories: two with the usual scale, one with its own.
categories:
  - id: central_bank
    label: Central Bank of Russia
    family: financial
    description: Measures against the Central Bank of Russia.
    levels:
      - id: none
        description: No measure.
      - id: partial
        description: Restrictions short of a general prohibition.
      - id: full
        description: A general prohibition of transactions.
  - id: sberbank
    label: Sberbank
    family: financial
    description: Measures against Sberbank.
    levels:
      - id: none
        description: No measure against Sberbank.
      - id: capital_market
        description: Capital-market restrictions only.
      - id: full_blocking
        description: A freeze of all its assets.
  - id: airspace_ban
    label: Airspace closure
    family: transport
    description: Closure of the airspace to Russian aircraft.
    levels:
      - id: none
        description: Airspace open.
      - id: full
        description: Airspace closed.
"""

GROUPS_YAML = """\
groups:
  - id: G2
    label: Two states
    description: The two states of the test dataset.
    members: [FR, JP]
  - id: G2+EU
    label: Two states and the EU
    members:
      - EU
      - FR
      - JP
"""

JP_YAML = """\
code: JP
name: Japan
names: {ja: 日本}
reviewed: 2024-06-30
measures:
  - category: central_bank
    status: none
    confirmed: 2024-06-30
    summary: No measure against the central bank before March 2022.
    sources:
      - citation: Foreign Exchange and Foreign Trade Act
        title: Foreign Exchange and Foreign Trade Act
  - category: central_bank
    status: full
    announced: 2022-02-28
    effective: 2022-03-01
    instrument: Cabinet approval of 1 March 2022
    summary: Transactions with the central bank made subject to licence.
    exemptions:
      - scope: Energy-related payments
        until: 2022-06-24
    sources:
      - url: https://www.example.org/jp/central-bank
        title: Japan restricts transactions with the central bank
  - category: sberbank
    status: capital_market
    effective: 2014-09-24
    summary: Sberbank barred from issuing securities in Japan.
    sources:
      - citation: Cabinet decision of 24 September 2014
        title: Measures of 24 September 2014
  - category: sberbank
    status: full_blocking
    announced: 2024-05-01
    effective: 2025-01-01
    summary: A freeze of Sberbank's assets, adopted for the future.
    sources:
      - citation: Cabinet decision of 1 May 2024
        title: Measures of 1 May 2024
  - category: airspace_ban
    status: none
    confirmed: 2024-06-30
    summary: Japan has not closed its airspace to Russian aircraft.
    sources:
      - url: http://www.example.org/jp/airspace
        title: Japan airspace notice
    notes: Checked on the day of review.
"""

EU_YAML = """\
code: EU
name: European Union
reviewed: 2024-06-30
measures:
  - category: airspace_ban
    status: full
    effective: 2022-02-28
    instrument: Council Regulation (EU) 2022/334
    summary: EU airspace closed to Russian aircraft.
    sources:
      - citation: Council Regulation (EU) 2022/334
        title: Council Regulation (EU) 2022/334 amending Regulation (EU) No 833/2014
"""

FR_YAML = """\
code: FR
name: France
names: {fr: France}
reviewed: 2024-06-30
inherits: [EU]
measures:
  - category: central_bank
    status: not_applicable
    confirmed: 2024-06-30
    summary: Central-bank measures are taken by the EU.
    sources:
      - citation: Treaty on the Functioning of the European Union, Article 215
        title: TFEU Article 215
"""

FILES: Mapping[str, str] = {
    "categories.yaml": CATEGORIES_YAML,
    "groups.yaml": GROUPS_YAML,
    "members/eu.yaml": EU_YAML,
    "members/fr.yaml": FR_YAML,
    "members/jp.yaml": JP_YAML,
}
"""Every file of the valid dataset, by path relative to the dataset directory."""


def file_path(key: str) -> str:
    """The relative path named by a short key: ``categories``, ``groups`` or a member code.

    A key holding a ``/`` or ending in ``.yaml``/``.yml`` is taken as a relative path already.
    """
    if "/" in key or key.endswith((".yaml", ".yml")):
        return key
    if key in ("categories", "groups"):
        return f"{key}.yaml"
    return f"members/{key.lower()}.yaml"


def make_dataset(root: Path, **overrides: str | bytes | None) -> Path:
    """Write the valid dataset into ``root`` and return ``root``.

    Each keyword names a file by its short key (``categories``, ``groups``, ``jp``, ``eu``,
    ``fr``, or a new member code such as ``us``) and gives its content: text (written as
    UTF-8 with the newlines as given), bytes (written as they are), or None to leave the file
    out. Paths that are not valid keywords go through ``write_files``.
    """
    return write_files(root, {file_path(key): value for key, value in overrides.items()})


def write_files(root: Path, overrides: Mapping[str, str | bytes | None]) -> Path:
    """Like ``make_dataset``, with overrides keyed by relative path (``members/jp.yml``)."""
    files: dict[str, str | bytes | None] = {**FILES, **overrides}
    root.mkdir(parents=True, exist_ok=True)
    (root / "members").mkdir(exist_ok=True)
    for relative, content in files.items():
        if content is None:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    return root


def edit_text(
    text: str,
    line: int,
    *,
    replace: str | None = None,
    insert: str | None = None,
    delete: bool = False,
) -> str:
    """Change one place of ``text``: 1-based ``line`` is replaced, deleted, or pushed down.

    ``insert`` puts its line(s) before ``line``, so the first inserted line becomes ``line``;
    ``line`` may be one past the last line, to append.
    """
    if sum((replace is not None, insert is not None, delete)) != 1:
        raise ValueError("give exactly one of replace=, insert= or delete=True")
    lines = text.splitlines(keepends=True)
    if not 1 <= line <= len(lines) + (insert is not None):
        raise ValueError(f"line {line} is outside the text (1-{len(lines)})")
    index = line - 1
    if replace is not None:
        lines[index] = replace.rstrip("\n") + "\n"
    elif insert is not None:
        lines[index:index] = [part + "\n" for part in insert.rstrip("\n").split("\n")]
    else:
        del lines[index]
    return "".join(lines)


def line_number(key: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of file ``key`` that contains ``fragment``."""
    found = [
        number
        for number, line in enumerate(FILES[file_path(key)].splitlines(), start=1)
        if fragment in line
    ]
    if len(found) < occurrence:
        raise LookupError(f"{fragment!r} is not in {file_path(key)} {occurrence} time(s)")
    return found[occurrence - 1]


def break_dataset(
    root: Path,
    key: str,
    line: int,
    *,
    replace: str | None = None,
    insert: str | None = None,
    delete: bool = False,
    **overrides: str | bytes | None,
) -> Path:
    """Write the valid dataset with exactly one change in file ``key`` (see ``edit_text``).

    ``break_dataset(tmp_path, "jp", 7, replace="    status: maximal")`` gives a dataset whose
    only defect is on line 7 of ``members/jp.yaml``. Other files may be overridden as in
    ``make_dataset``.
    """
    relative = file_path(key)
    text = edit_text(FILES[relative], line, replace=replace, insert=insert, delete=delete)
    files = {file_path(name): value for name, value in overrides.items()}
    return write_files(root, {**files, relative: text})
