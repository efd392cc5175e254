"""The report (issue 10): self-contained, escaped, deterministic, small, and its Markdown twin."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sanctions_gap
from sanctions_gap.cli import app
from sanctions_gap.cli.output import STEP_SUMMARY_LIMIT
from sanctions_gap.engine.briefing import briefing, one_year_before
from sanctions_gap.render import DocumentView, Format, render
from sanctions_gap.render.views.briefing import briefing_view

from .conftest import DATA

runner = CliRunner()
AS_OF = "2026-12-01"
REPORT = ["report", "JP", "--vs", "G7+EU", "--as-of", AS_OF]


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


class Page(HTMLParser):
    """What the page would fetch, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def report_html() -> str:
    return run(*REPORT)


def test_the_report_fetches_nothing_and_needs_no_script(report_html: str) -> None:
    page = parse(report_html)
    names = {tag for tag, _ in page.tags}
    assert {"script", "img", "iframe", "object", "embed", "video", "audio"}.isdisjoint(names)
    for tag, attrs in page.tags:
        if tag == "link":
            assert attrs == {"rel": "icon", "href": "data:,"}  # no request for a favicon
        assert "src" not in attrs, tag
        assert "style" not in attrs, tag  # every style is in the one inline sheet
        href = attrs.get("href")
        if tag == "a" and href is not None:
            assert href.startswith(("#", "https://", "http://")), href
    style = report_html[report_html.index("<style>") : report_html.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style


def test_the_report_has_every_part_the_issue_asks_for(report_html: str) -> None:
    page = parse(report_html)
    ids = {attrs.get("id") for _, attrs in page.tags}
    for section in ("headline", "heatmap", "gaps", "timeline", "latency", "year", "coverage"):
        assert section in ids, section
    assert {"method", "cite", "coding-rules"} <= ids
    text = " ".join(page.text)
    assert "JP's stringency index" in text and "peers' median" in text
    assert "Gaps closed in the last year" in text
    assert f"As of {AS_OF}" in text and "data reviewed" in text
    assert f"sanctions-gap {sanctions_gap.__version__}" in text
    assert "CC BY 4.0" in text and "Cite as" in text
    # The heat map: a glyph in every cell, unknown and not applicable apart, the member marked.
    assert report_html.count('<td class="unknown') >= 1
    assert report_html.count('<td class="na') >= 1
    assert report_html.count('class="own"') >= 2  # the heat map's row, the coverage table's
    assert report_html.count(' gap" tabindex="0"') == 11  # JP's gaps against the G7+EU
    # The chart: inline SVG with a title and description, and its table twin.
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="timeline-0-title timeline-0-desc"',
                     report_html)  # fmt: skip
    assert '<title id="timeline-0-title">' in report_html
    assert '<desc id="timeline-0-desc">' in report_html
    assert "The chart&#x27;s numbers" in report_html
    # Print and dark mode.
    assert "@media print{" in report_html and "@page{size:A4" in report_html
    assert "@media screen and (prefers-color-scheme:dark)" in report_html


def test_every_gap_links_to_the_sources_of_the_member_and_the_peers(report_html: str) -> None:
    dataset = sanctions_gap.load_dataset()
    report = sanctions_gap.compare(
        dataset, "JP", dataset.resolve_group("G7+EU"), dt.date.fromisoformat(AS_OF)
    )
    section = report_html[report_html.index('id="gaps"') : report_html.index('id="timeline"')]
    links = set(re.findall(r'<a href="([^"]+)"', section))
    for row in report.gaps:
        assert row.member_source is not None
        urls = {s.url for s in row.member_source.measure.sources if s.url}
        assert not urls or urls & links, row.category
        for peer in row.peers_ahead:
            record = dataset.level(peer, row.category, report.as_of).record
            assert record is not None
            peer_urls = {s.url.replace("&", "&amp;") for s in record.measure.sources if s.url}
            assert not peer_urls or peer_urls <= links, (row.category, peer)


def test_the_same_input_gives_the_same_bytes(report_html: str) -> None:
    assert run(*REPORT) == report_html
    markdown = [*REPORT, "--format", "markdown"]
    assert run(*markdown) == run(*markdown)


def test_the_report_stays_under_500_kb_for_the_g7_and_the_eu(report_html: str) -> None:
    assert len(report_html.encode("utf-8")) < 500 * 1024


def test_the_markdown_twin_fits_a_step_summary_and_keeps_links() -> None:
    markdown = run(*REPORT, "--format", "markdown")
    assert len(markdown.encode("utf-8")) < STEP_SUMMARY_LIMIT
    assert markdown.startswith("# Japan \\(JP\\) against the rest of G7\\+EU")
    assert "](https://" in markdown  # the sources stay links
    assert "| Category | CA | DE | EU | FR | GB | IT | **JP ▸** | US |" in markdown
    assert "○ **gap**" in markdown and "Legend: ○ none" in markdown
    assert re.findall(r"(?<!\\)<(?!br>)", markdown) == []


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    """The bundled data, with a record of Japan's that tries to inject HTML and Markdown."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "members" / "jp.yaml"
    text = path.read_text(encoding="utf-8")
    summary = "    summary: Japan has never closed its airspace to Russian aircraft."
    assert summary in text
    hostile = (
        '    summary: "<script>alert(1)</script> & <img src=x onerror=alert(2)> '
        '[x](javascript:alert(3)) | ``"'
    )
    path.write_text(text.replace(summary, hostile), encoding="utf-8")
    return copy


def test_text_from_the_data_is_shown_as_text(hostile_data: Path) -> None:
    hostile = ["--no-cache", *REPORT, "--data", str(hostile_data)]
    html = run(*hostile)
    assert "<script" not in html and "<img" not in html
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;"
    assert shown in html  # in the gap table and in the heat map's explanations
    assert "[x](javascript:alert(3))" in html  # as text, never a link
    assert 'href="javascript' not in html
    markdown = run(*hostile, "--format", "markdown")
    # Markdown's only raw HTML is the line break in table cells; every other < is escaped.
    assert re.findall(r"(?<!\\)<(?!br>)", markdown) == []
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in markdown
    assert "](javascript" not in markdown


def test_every_command_prints_a_page_with_html() -> None:
    page = run("compare", "JP", "--vs", "G7", "--as-of", "2022-03-21", "-f", "html")
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    assert '<table class="data">' in page and "airspace_ban" in page
    assert "<script" not in page


def test_report_json_is_the_briefing_and_the_view_is_a_document() -> None:
    dataset = sanctions_gap.load_dataset()
    as_of = dt.date.fromisoformat(AS_OF)
    answer = briefing(dataset, "JP", dataset.resolve_group("G7"), as_of)
    assert json.loads(run("report", "JP", "--vs", "G7", "--as-of", AS_OF, "-f", "json")) == (
        answer.to_dict()
    )
    view = briefing_view(answer, dataset, peers_label="G7")
    assert isinstance(view, DocumentView)
    assert render(view, Format.HTML) == run("report", "JP", "--vs", "G7", "--as-of", AS_OF)
    # The parts are the existing questions' answers, not a second copy of the rules.
    assert answer.compare == sanctions_gap.compare(
        dataset, "JP", dataset.resolve_group("G7"), as_of
    )
    assert answer.headline()["gaps"] == len(answer.compare.gaps)
    assert answer.diff.start == one_year_before(as_of)
    assert one_year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)


def test_the_report_writes_its_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, [*REPORT, "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_entity_section_comes_from_the_entities_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parent)  # the fixture's path as the entities' golden files give it
    export = str(Path("tests", "fixtures", "entities", "entities.ftm.json"))
    args = ["report", "JP", "--vs", "G7", "--as-of", AS_OF, "--entities", export]
    entities = json.loads(run("entities", "JP", "--vs", "G7", "--source", export, "-f", "json"))
    payload = json.loads(run(*args, "-f", "json"))
    assert payload["entities"]["summary"] == entities["summary"]
    html = run(*args)
    section = html[html.index('id="entities"') : html.index('id="method"')]
    assert section.count('<a href="https://www.opensanctions.org/entities/') == len(
        entities["rows"]
    )
    assert "CC BY-NC 4.0" in html
    assert 'id="entities"' not in run(*args[:-2])


def test_the_markdown_twin_parses_and_says_what_it_rests_on() -> None:
    from markdown_it import MarkdownIt

    markdown = run(*REPORT, "--format", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    kinds = [t.type for t in tokens]
    assert kinds.count("table_open") >= 6 and kinds.count("heading_open") >= 10
    links = [
        str(child.attrs.get("href"))
        for token in tokens
        if token.children
        for child in token.children
        if child.type == "link_open"
    ]
    assert len([link for link in links if link.startswith("https://")]) > 50
    assert {"#gaps", "#cite", "#coding-rules"} <= set(links)
    context = sanctions_gap.load_dataset().context()
    assert markdown.rstrip().endswith(f"_{context.line()}_")
    assert json.loads(run(*REPORT, "-f", "json"))["context"] == context.to_dict()


def test_the_report_help_reads_plainly() -> None:
    text = run("report", "--help")
    assert text.splitlines()[0] == "Usage: sanctions-gap report [OPTIONS] MEMBER"
    assert not re.search(r"<(str|int|float|int range|float range|path)>", text)
    assert "html" in run("compare", "--help")  # every command offers the format
