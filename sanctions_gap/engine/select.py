"""The selections every question shares: peers, groups, categories and families, thresholds."""

from __future__ import annotations

from collections.abc import Iterable

from sanctions_gap.dataset import Dataset, select_categories, select_members
from sanctions_gap.errors import LookupFailed, SanctionsGapError
from sanctions_gap.models import FAMILIES


class CompareError(SanctionsGapError, ValueError):
    """An option of a comparison is out of range (for example ``min_share`` above 1)."""


def check_thresholds(min_peers: int, min_share: float) -> None:
    """Refuse a bar that no gap could meet or that means nothing."""
    if min_peers < 1:
        raise CompareError(f"min_peers must be at least 1, not {min_peers}")
    if not 0.0 <= min_share <= 1.0:
        raise CompareError(f"min_share must be between 0 and 1, not {min_share}")


def group_members(
    dataset: Dataset, members: str | Iterable[str], *, inherited_once: bool = False
) -> list[str]:
    """Member codes, sorted: a group id or ``CA,US`` list, or an iterable of codes.

    With ``inherited_once``, a member that inherits from another member of the group is left
    out, so that the EU counts once rather than through France, Germany and Italy as well.
    """
    codes = (
        dataset.resolve_group(members)
        if isinstance(members, str)
        else select_members(dataset, members)
    )
    if inherited_once:
        codes = [c for c in codes if not set(dataset.members[c].inherits) & set(codes)]
    return codes


def peers_of(
    dataset: Dataset, member: str, peers: str | Iterable[str], *, inherited_once: bool = False
) -> list[str]:
    """The peers' codes without the member itself; at least one must remain."""
    group = group_members(dataset, peers, inherited_once=inherited_once)
    codes = [p for p in group if p != member]
    if not codes:
        raise CompareError(f"no peers to compare {member} with: name at least one other member")
    return codes


def whole_group(dataset: Dataset, members: str | Iterable[str], inherited_once: bool) -> list[str]:
    """The members of a group that is compared within itself: at least two."""
    codes = group_members(dataset, members, inherited_once=inherited_once)
    if len(codes) < 2:
        raise CompareError(
            f"{', '.join(codes)} alone is not a group: name a group or at least two members"
        )
    return codes


def chosen_categories(
    dataset: Dataset, categories: Iterable[str] | None, families: Iterable[str] | None
) -> list[str]:
    """Category ids in `categories.yaml` order, filtered by ids and by families."""
    selected = select_categories(dataset, categories)
    if families is not None:
        chosen = set()
        for family in families:
            if family.strip().lower() not in FAMILIES:
                raise LookupFailed(
                    f"unknown family {family!r}; known families: {', '.join(FAMILIES)}"
                )
            chosen.add(family.strip().lower())
        selected = [c for c in selected if dataset.categories[c].family in chosen]
    if not selected:
        raise CompareError(
            "no category is left: the categories named are not in the families named; "
            "name categories of those families, or fewer filters"
        )
    return selected
