"""Rules for each record: its category and status, its dates, its exemptions and its sources."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from sanctions_gap.loader import line_of
from sanctions_gap.models import NOT_APPLICABLE, Category, Measure
from sanctions_gap.sources import OFFICIAL, UNLISTED, evidence_date, host_of
from sanctions_gap.validate.context import EARLIEST, SOURCES_FILE, Run
from sanctions_gap.validate.shape import keys_at


def check_measure(
    run: Run,
    measure: Measure,
    reviewed: dt.date | None,
    categories: dict[str, Category] | None,
    path: str,
    loc: tuple[Any, ...],
) -> None:
    data = run.document

    def at(key: str) -> int:
        return line_of(data, (*loc, key))

    if categories is not None:
        category = categories.get(measure.category)
        if category is None:
            close = difflib.get_close_matches(measure.category, list(categories), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see categories.yaml"
            run.add(
                path,
                at("category"),
                "unknown-category",
                f"unknown category {measure.category!r}{hint}",
            )
        elif measure.status not in (*category.level_ids, NOT_APPLICABLE):
            valid = ", ".join((*category.level_ids, NOT_APPLICABLE))
            run.add(
                path,
                at("status"),
                "unknown-status",
                f"status {measure.status!r} is not a level of {category.id!r}; use one of: {valid}",
            )
    for key in ("effective", "announced", "confirmed"):
        value = getattr(measure, key)
        if value is not None and value < EARLIEST:
            run.add(
                path,
                at(key),
                "date-out-of-range",
                f"{key} {value.isoformat()} is before {EARLIEST.isoformat()}, when the "
                "Russian Federation came into being; check the year",
            )
    if measure.is_standing:
        if measure.status not in ("none", NOT_APPLICABLE):
            run.add(
                path,
                at("status"),
                "missing-effective",
                f"a record with status {measure.status!r} needs an effective date; only "
                "'none' or 'not_applicable' may stand without one",
            )
        elif measure.confirmed is None:
            run.add(
                path,
                at("status"),
                "missing-confirmed",
                f"a standing absence (status {measure.status!r}, no effective date) needs "
                "'confirmed': the date on which the absence was last confirmed",
            )
        if measure.announced is not None:
            run.add(
                path,
                at("announced"),
                "announced-without-effective",
                "'announced' needs an 'effective' date; a standing absence has neither",
            )
    elif measure.confirmed is not None:
        run.add(
            path,
            at("confirmed"),
            "confirmed-with-effective",
            f"confirmed {measure.confirmed.isoformat()}: 'confirmed' is only for standing "
            "absences (records without 'effective'); delete it or the effective date",
        )
    if (
        measure.announced is not None
        and measure.effective is not None
        and measure.announced > measure.effective
    ):
        run.add(
            path,
            at("announced"),
            "announced-after-effective",
            f"announced {measure.announced.isoformat()} is after effective "
            f"{measure.effective.isoformat()}; announced must be on or before effective",
        )
    for key in ("announced", "confirmed"):
        value = getattr(measure, key)
        if value is not None and reviewed is not None and value > reviewed:
            run.add(
                path,
                at(key),
                "after-reviewed",
                f"{key} {value.isoformat()} is after the file's reviewed date "
                f"{reviewed.isoformat()}; no date can be after the last check: correct "
                "it, or update 'reviewed'",
            )
    # An announced date after `reviewed` is reported above; that report covers this case.
    if (
        measure.effective is not None
        and reviewed is not None
        and measure.effective > reviewed
        and measure.announced is None
    ):
        run.add(
            path,
            at("effective"),
            "future-without-announced",
            f"effective {measure.effective.isoformat()} is after the reviewed date "
            f"{reviewed.isoformat()}; a future measure needs an 'announced' date on or "
            "before the reviewed date",
        )
    for position, source in enumerate(measure.sources):
        if source.url is None and source.citation is None:
            run.add(
                path,
                line_of(data, (*loc, "sources", position)),
                "source-without-reference",
                "a source needs a 'url' (of a page you have read) or a 'citation' (the "
                "official name of the instrument); it has only "
                + ", ".join(repr(k) for k in keys_at(data, (*loc, "sources", position))),
            )
    if run.kinds is not None:
        check_record_sources(run, measure, path, loc)
    for position, exemption in enumerate(measure.exemptions):
        if (
            exemption.until is not None
            and measure.effective is not None
            and exemption.until < measure.effective
        ):
            run.add(
                path,
                line_of(data, (*loc, "exemptions", position, "until")),
                "exemption-before-effective",
                f"exemption until {exemption.until.isoformat()} ends before the measure's "
                f"effective date {measure.effective.isoformat()}; an exemption must end on "
                "or after the date the measure applies",
            )


def check_record_sources(run: Run, measure: Measure, path: str, loc: tuple[Any, ...]) -> None:
    """The source rules: listed hosts, an official source, no weak-only support, and a
    standing absence confirmed no later than its evidence."""
    assert run.kinds is not None  # noqa: S101 - the caller checks
    data = run.document
    kinds = run.kinds.kinds(measure.sources)
    for position, (source, kind) in enumerate(zip(measure.sources, kinds, strict=True)):
        if kind == UNLISTED and source.url is not None:
            run.add(
                path,
                line_of(data, (*loc, "sources", position, "url")),
                "unknown-source-host",
                f"the host {host_of(source.url)!r} is not in {SOURCES_FILE}; add it with "
                "its kind (official, professional, news, state_affiliated or other)",
            )
    start = line_of(data, loc)
    official = OFFICIAL in kinds
    if measure.official_source_waiver is not None and official:
        run.add(
            path,
            line_of(data, (*loc, "official_source_waiver")),
            "needless-waiver",
            "the record cites an official source, so 'official_source_waiver' waives "
            "nothing; delete it",
        )
    elif not measure.is_standing and not official and measure.official_source_waiver is None:
        run.add(
            path,
            start,
            "no-official-source",
            f"the {measure.category} record effective "
            f"{measure.effective.isoformat() if measure.effective else '?'} cites no official "
            "source; cite the act, the official journal or the government's notice (a URL "
            "on an official host, or a citation with its official identifier), or give "
            "'official_source_waiver' with the reason no official text exists",
        )
    if all(kind in ("state_affiliated", "other") for kind in kinds):
        run.add(
            path,
            start,
            "weak-sources-only",
            f"every source of this {measure.category} record is state-affiliated media or "
            "a wiki, blog, mirror or aggregator; cite the official text or a professional "
            "or news report of it",
        )
    if measure.is_standing and measure.confirmed is not None:
        evidence = evidence_date(measure)
        if evidence is None or measure.confirmed > evidence:
            reach = (
                f"its latest source is dated {evidence.isoformat()}"
                if evidence is not None
                else "no source carries a date ('published' or 'accessed')"
            )
            run.add(
                path,
                line_of(data, (*loc, "confirmed")),
                "confirmed-after-evidence",
                f"confirmed {measure.confirmed.isoformat()} claims more than the evidence: "
                f"{reach}; set 'confirmed' to the latest source's date, or cite a later "
                "source that shows the absence",
            )
