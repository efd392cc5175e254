"""Rules for each record: its category and status, its dates, its exemptions and its sources."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from sanctions_gap.loader import line_of
from sanctions_gap.models import NOT_APPLICABLE, Category, Measure
from sanctions_gap.sources import OFFICIAL, UNLISTED, WEAK_KINDS, evidence_date, host_of
from sanctions_gap.validate.context import EARLIEST, SOURCES_FILE, Run
from sanctions_gap.validate.shape import keys_at


@dataclass(frozen=True)
class Place:
    """Where a record is: its run, file and position, to report an issue at one of its keys."""

    run: Run
    path: str
    loc: tuple[Any, ...]
    """The record's position in its file (``("measures", 3)``)."""

    def line(self, *keys: Any) -> int:
        """The line of a key (or a key's item) of the record; its first line with no key."""
        return line_of(self.run.document, (*self.loc, *keys))

    def add(self, line: int, rule: str, message: str) -> None:
        """Report an issue of the record at ``line``."""
        self.run.add(self.path, line, rule, message)


def check_measure(
    run: Run,
    measure: Measure,
    reviewed: dt.date | None,
    categories: dict[str, Category] | None,
    path: str,
    loc: tuple[Any, ...],
) -> None:
    """Every rule for one record."""
    place = Place(run, path, loc)
    if categories is not None:
        check_vocabulary(place, measure, categories)
    check_standing(place, measure)
    check_dates(place, measure, reviewed)
    check_references(place, measure)
    if run.kinds is not None:
        check_record_sources(place, measure)
    check_exemptions(place, measure)


def check_vocabulary(place: Place, measure: Measure, categories: dict[str, Category]) -> None:
    """The category exists and the status is one of its levels (or not applicable)."""
    category = categories.get(measure.category)
    if category is None:
        close = difflib.get_close_matches(measure.category, list(categories), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; see categories.yaml"
        place.add(
            place.line("category"),
            "unknown-category",
            f"unknown category {measure.category!r}{hint}",
        )
    elif measure.status not in (*category.level_ids, NOT_APPLICABLE):
        valid = ", ".join((*category.level_ids, NOT_APPLICABLE))
        place.add(
            place.line("status"),
            "unknown-status",
            f"status {measure.status!r} is not a level of {category.id!r}; use one of: {valid}",
        )


def check_standing(place: Place, measure: Measure) -> None:
    """A standing absence (no effective date) is `none` or `not_applicable` and is confirmed."""
    if not measure.is_standing:
        if measure.confirmed is not None:
            place.add(
                place.line("confirmed"),
                "confirmed-with-effective",
                f"confirmed {measure.confirmed.isoformat()}: 'confirmed' is only for standing "
                "absences (records without 'effective'); delete it or the effective date",
            )
        return
    if measure.status not in ("none", NOT_APPLICABLE):
        place.add(
            place.line("status"),
            "missing-effective",
            f"a record with status {measure.status!r} needs an effective date; only "
            "'none' or 'not_applicable' may stand without one",
        )
    elif measure.confirmed is None:
        place.add(
            place.line("status"),
            "missing-confirmed",
            f"a standing absence (status {measure.status!r}, no effective date) needs "
            "'confirmed': the date on which the absence was last confirmed",
        )
    if measure.announced is not None:
        place.add(
            place.line("announced"),
            "announced-without-effective",
            "'announced' needs an 'effective' date; a standing absence has neither",
        )


def check_dates(place: Place, measure: Measure, reviewed: dt.date | None) -> None:
    """Dates in range, announced no later than effective, nothing after the review."""
    for key in ("effective", "announced", "confirmed"):
        value = getattr(measure, key)
        if value is not None and value < EARLIEST:
            place.add(
                place.line(key),
                "date-out-of-range",
                f"{key} {value.isoformat()} is before {EARLIEST.isoformat()}, when the "
                "Russian Federation came into being; check the year",
            )
    announced, effective = measure.announced, measure.effective
    if announced is not None and effective is not None and announced > effective:
        place.add(
            place.line("announced"),
            "announced-after-effective",
            f"announced {announced.isoformat()} is after effective "
            f"{effective.isoformat()}; announced must be on or before effective",
        )
    if reviewed is None:
        return
    for key in ("announced", "confirmed"):
        value = getattr(measure, key)
        if value is not None and value > reviewed:
            place.add(
                place.line(key),
                "after-reviewed",
                f"{key} {value.isoformat()} is after the file's reviewed date "
                f"{reviewed.isoformat()}; no date can be after the last check: correct "
                "it, or update 'reviewed'",
            )
    # An announced date after `reviewed` is reported above; that report covers this case.
    if effective is not None and effective > reviewed and announced is None:
        place.add(
            place.line("effective"),
            "future-without-announced",
            f"effective {effective.isoformat()} is after the reviewed date "
            f"{reviewed.isoformat()}; a future measure needs an 'announced' date on or "
            "before the reviewed date",
        )


def check_references(place: Place, measure: Measure) -> None:
    """Every source can be looked up: it has a URL or an official citation."""
    for position, source in enumerate(measure.sources):
        if source.url is None and source.citation is None:
            keys = keys_at(place.run.document, (*place.loc, "sources", position))
            place.add(
                place.line("sources", position),
                "source-without-reference",
                "a source needs a 'url' (of a page you have read) or a 'citation' (the "
                "official name of the instrument); it has only " + ", ".join(repr(k) for k in keys),
            )


def check_exemptions(place: Place, measure: Measure) -> None:
    """No exemption ends before the measure applies."""
    for position, exemption in enumerate(measure.exemptions):
        until, effective = exemption.until, measure.effective
        if until is not None and effective is not None and until < effective:
            place.add(
                place.line("exemptions", position, "until"),
                "exemption-before-effective",
                f"exemption until {until.isoformat()} ends before the measure's "
                f"effective date {effective.isoformat()}; an exemption must end on "
                "or after the date the measure applies",
            )


def check_record_sources(place: Place, measure: Measure) -> None:
    """The source rules: listed hosts, an official source (or a waiver), no weak-only support,
    and a standing absence confirmed no later than its evidence."""
    assert place.run.kinds is not None  # noqa: S101 - the caller checks
    kinds = place.run.kinds.kinds(measure.sources)
    for position, (source, kind) in enumerate(zip(measure.sources, kinds, strict=True)):
        if kind == UNLISTED and source.url is not None:
            place.add(
                place.line("sources", position, "url"),
                "unknown-source-host",
                f"the host {host_of(source.url)!r} is not in {SOURCES_FILE}; add it with "
                "its kind (official, professional, news, state_affiliated or other)",
            )
    check_official(place, measure, OFFICIAL in kinds)
    if all(kind in WEAK_KINDS for kind in kinds):
        place.add(
            place.line(),
            "weak-sources-only",
            f"every source of this {measure.category} record is state-affiliated media or "
            "a wiki, blog, mirror or aggregator; cite the official text or a professional "
            "or news report of it",
        )
    check_evidence(place, measure)


def check_official(place: Place, measure: Measure, official: bool) -> None:
    """A dated record cites an official source, or says why not (a waiver where no official
    text exists; a pending note, reported until one is found, where it exists)."""
    for key in ("official_source_waiver", "official_source_pending"):
        if getattr(measure, key) is not None and official:
            place.add(
                place.line(key),
                "needless-waiver",
                f"the record cites an official source, so {key!r} says nothing; delete it",
            )
    if official or measure.effective is None or measure.official_source_waiver is not None:
        return
    if measure.official_source_pending is not None:
        place.add(
            place.line("official_source_pending"),
            "official-source-pending",
            f"the {measure.category} record effective {measure.effective.isoformat()} still "
            "waits for its official source; cite it when found and delete "
            "'official_source_pending'",
        )
        return
    place.add(
        place.line(),
        "no-official-source",
        f"the {measure.category} record effective {measure.effective.isoformat()} cites "
        "no official source; cite the act, the official journal or the government's "
        "notice (a URL on an official host, or a citation with its official identifier), "
        "give 'official_source_waiver' with the reason no official text exists, or, where "
        "the text exists but was not found, 'official_source_pending' with what was searched",
    )


def check_evidence(place: Place, measure: Measure) -> None:
    """A standing absence is confirmed no later than its latest source's date."""
    if not measure.is_standing or measure.confirmed is None:
        return
    evidence = evidence_date(measure)
    if evidence is not None and measure.confirmed <= evidence:
        return
    reach = (
        f"its latest source is dated {evidence.isoformat()}"
        if evidence is not None
        else "no source carries a date ('published' or 'accessed')"
    )
    place.add(
        place.line("confirmed"),
        "confirmed-after-evidence",
        f"confirmed {measure.confirmed.isoformat()} claims more than the evidence: "
        f"{reach}; set 'confirmed' to the latest source's date, or cite a later "
        "source that shows the absence",
    )
