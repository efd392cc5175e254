"""Which OpenSanctions lists belong to which member: `data/lists.yaml` and a user's own file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from sanctions_gap.errors import DataError, Issue
from sanctions_gap.loader import LineDict, line_of, read_document
from sanctions_gap.models import MemberCode, Text, Url

LISTS_FILE = "lists.yaml"
MEASURE_KINDS = ("asset_freeze", "sectoral", "travel_ban", "export_control")
"""The kinds of measure a list records, strongest first."""

MeasureKind = Literal["asset_freeze", "sectoral", "travel_ban", "export_control"]
DatasetId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", strict=True, use_attribute_docstrings=True
    )


class ListEntry(_Model):
    """One OpenSanctions source dataset that is a member's sanctions list."""

    dataset: DatasetId
    """The OpenSanctions dataset id (`us_ofac_sdn`)."""
    member: MemberCode
    """The member whose list it is (`US`)."""
    kind: MeasureKind
    """The kind of measure the list records."""
    titles: list[Text] = []
    """Its titles as `targets.simple.csv` carries them: the current one first, then older ones."""
    opt_in: bool = False
    """Whether it counts only when asked for (`--all-lists`, or its kind in `--measure-kind`)."""
    url: Url | None = None
    """A page about the list (default: its OpenSanctions dataset page)."""


class Programme(_Model):
    """A member's Russia sanctions programmes, as OpenSanctions names them."""

    member: MemberCode
    """The member whose programmes these are."""
    keys: list[Text] = []
    """OpenSanctions program keys (`programId`), such as `US-RUSHAR`."""
    programs: list[Text] = []
    """Exact program texts of a `Sanction` (`RUSSIA-EO14024`)."""
    contains: list[Text] = []
    """Texts that a program contains (`ロシア連邦`)."""


class ListsFile(_Model):
    """The mapping file: lists, and Russia programmes."""

    lists: list[ListEntry] = []
    """The lists, one entry per dataset id."""
    programmes: list[Programme] = []
    """The Russia sanctions programmes of each member."""


@dataclass(frozen=True)
class ListMapping:
    """Every known list by dataset id, their titles, and the Russia programmes."""

    lists: Mapping[str, ListEntry]
    """The lists by dataset id (a user's entry replaces the bundled one)."""
    titles: Mapping[str, str]
    """Dataset ids by title, current and older titles alike."""
    programmes: tuple[Programme, ...]
    """The Russia programmes, bundled ones first."""

    def url(self, dataset: str) -> str:
        """A page about the list."""
        entry = self.lists.get(dataset)
        if entry is not None and entry.url:
            return entry.url
        return f"https://www.opensanctions.org/datasets/{dataset}/"


@dataclass(frozen=True)
class ListSelection:
    """The lists that count in one comparison, with the members that count each of them."""

    members: tuple[str, ...]
    """The members compared (the member first, then its peers)."""
    counted_by: Mapping[str, tuple[tuple[str, str | None], ...]]
    """Per dataset id: the (member, inherited from) pairs that count it (`("DE", "EU")`)."""
    kinds: Mapping[str, str]
    """The measure kind of each counted dataset."""
    mapping: ListMapping
    """The mapping the selection comes from."""


def load_lists(data_dir: Path, extra: Path | None = None) -> ListMapping:
    """The bundled mapping (``data_dir/lists.yaml``), with a user's file on top if given."""
    issues: list[Issue] = []
    files = [data_dir / LISTS_FILE] + ([extra] if extra is not None else [])
    parsed = [_read(path, issues) for path in files]
    if issues:
        raise DataError(issues, files[-1].parent if extra else data_dir)
    lists: dict[str, ListEntry] = {}
    programmes: list[Programme] = []
    for document in parsed:
        if document is not None:
            lists.update({entry.dataset: entry for entry in document.lists})
            programmes.extend(document.programmes)
    titles = {title: entry.dataset for entry in lists.values() for title in entry.titles}
    return ListMapping(lists, titles, tuple(programmes))


def _read(path: Path, issues: list[Issue]) -> ListsFile | None:
    """One mapping file, validated; problems go to ``issues`` with their lines."""
    from sanctions_gap.validate.shape import describe_error

    document, problems = read_document(path, str(path))
    issues.extend(problems)
    if document is None:
        return None
    try:
        model = ListsFile.model_validate(document.data)
    except ValidationError as exc:
        for error in exc.errors():
            rule, message = describe_error(ListsFile, error)
            line = line_of(document.data, tuple(error["loc"]))
            issues.append(Issue(str(path), line, rule, message))
        return None
    issues.extend(_duplicates(model, document.data, str(path)))
    return model


def _duplicates(model: ListsFile, data: Any, path: str) -> list[Issue]:
    """A dataset id listed twice, or a title given to two datasets, within one file."""
    issues = []
    seen: dict[str, int] = {}
    owners: dict[str, str] = {}
    for index, entry in enumerate(model.lists):
        line = line_of(data, ("lists", index)) if isinstance(data, LineDict) else 0
        if entry.dataset in seen:
            issues.append(
                Issue(
                    path,
                    line,
                    "duplicate-list",
                    f"the dataset {entry.dataset!r} is mapped twice (first as list "
                    f"{seen[entry.dataset] + 1}); keep one entry",
                )
            )
        seen.setdefault(entry.dataset, index)
        for title in entry.titles:
            other = owners.setdefault(title, entry.dataset)
            if other != entry.dataset:
                issues.append(
                    Issue(
                        path,
                        line,
                        "duplicate-title",
                        f"the title {title!r} is given to both {other!r} and "
                        f"{entry.dataset!r}; a title must name one dataset",
                    )
                )
    return issues


def select_lists(
    mapping: ListMapping,
    members: Iterable[str],
    inherits: Mapping[str, Iterable[str]],
    *,
    kinds: Iterable[str] | None = None,
    all_lists: bool = False,
) -> ListSelection:
    """The lists that count for ``members``: their own and those of the members they inherit.

    ``kinds`` keeps only lists of those kinds (and lets opt-in lists of those kinds count);
    ``all_lists`` lets every opt-in list count.
    """
    chosen = tuple(members)
    wanted = set(kinds) if kinds is not None else None
    counted: dict[str, list[tuple[str, str | None]]] = {}
    kind_of: dict[str, str] = {}
    for entry in mapping.lists.values():
        if wanted is not None and entry.kind not in wanted:
            continue
        if entry.opt_in and not all_lists and wanted is None:
            continue
        for member in chosen:
            via = _inherited_from(member, entry.member, inherits)
            if member == entry.member or via is not None:
                counted.setdefault(entry.dataset, []).append((member, via))
                kind_of[entry.dataset] = entry.kind
    return ListSelection(chosen, {k: tuple(v) for k, v in counted.items()}, kind_of, mapping)


def _inherited_from(
    member: str, owner: str, inherits: Mapping[str, Iterable[str]], seen: tuple[str, ...] = ()
) -> str | None:
    """The parent through which ``member`` takes ``owner``'s lists, if it does."""
    for parent in inherits.get(member, ()):
        if parent in seen:
            continue
        if parent == owner or _inherited_from(parent, owner, inherits, (*seen, member)):
            return parent
    return None
