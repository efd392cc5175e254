"""The source rules of issue 9: one dataset per defect, each giving exactly its one issue.

The base is the validator's small fixture dataset with a ``sources.yaml`` (which turns the
source rules on) and dated evidence for its standing records, so that it is valid with no
issue at all; each case changes one thing in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sanctions_gap.validate import default_data_dir, load_dataset, validate_dataset
from sanctions_gap.validate.context import SOURCE_RULES
from tests.validation_fixtures import EU_YAML, FR_YAML, JP_YAML, make_dataset

SOURCES_YAML = """\
hosts:
  example.org: official
  example.com: news
  blog.example.net: other
  tv.example.ru: state_affiliated
identifiers:
  - pattern: '\\bRegulation \\(EU\\) \\d+/\\d+'
    example: Council Regulation (EU) 2022/334
  - pattern: '\\bCabinet decision of \\d{1,2} [A-Z][a-z]+ \\d{4}'
    example: Cabinet decision of 24 September 2014
"""


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# The standing records get dated evidence, so that `confirmed` does not outrun it.
JP = _once(
    _once(
        JP_YAML,
        "        title: Foreign Exchange and Foreign Trade Act\n",
        "        title: Foreign Exchange and Foreign Trade Act\n        accessed: 2024-06-30\n",
    ),
    "        title: Japan airspace notice\n",
    "        title: Japan airspace notice\n        published: 2024-06-30\n",
)
FR = _once(
    FR_YAML,
    "        title: TFEU Article 215\n",
    "        title: TFEU Article 215\n        accessed: 2024-06-30\n",
)
EU = EU_YAML
SBERBANK_2014 = "      - citation: Cabinet decision of 24 September 2014\n"
EU_SUMMARY = "    summary: EU airspace closed to Russian aircraft.\n"
JP_AIRSPACE_URL = "      - url: http://www.example.org/jp/airspace\n"


def _dataset(root: Path, **files: str) -> Path:
    return make_dataset(root, **{**BASE, **files})


BASE = {"jp": JP, "fr": FR, "eu": EU, "sources.yaml": SOURCES_YAML}
SPEECH = "      - citation: A speech of September 2014\n"
SBERBANK_SUMMARY = "    summary: Sberbank barred from issuing securities in Japan.\n"
AIRSPACE_EVIDENCE = "        title: Japan airspace notice\n        published: 2024-06-30\n"
EU_TITLE = "        title: Council Regulation (EU) 2022/334 amending Regulation (EU) No 833/2014\n"
LAST_PATTERN = "    example: Cabinet decision of 24 September 2014\n"


@dataclass(frozen=True)
class Defect:
    """One change to one file of the base (``old`` replaced by ``new``), and its one issue."""

    rule: str
    severity: str
    key: str
    old: str
    new: str
    message: str

    def files(self) -> dict[str, str]:
        return {self.key: _once(BASE[self.key], self.old, self.new)}

    @property
    def path(self) -> str:
        return self.key if self.key.endswith(".yaml") else f"members/{self.key}.yaml"


DEFECTS = [
    Defect(
        "unknown-source-host",
        "warning",
        "eu",
        EU_TITLE,
        EU_TITLE
        + "      - url: https://unlisted.example.info/eu-airspace\n"
        + "        title: A report on an unlisted host\n",
        "the host 'unlisted.example.info' is not in sources.yaml",
    ),
    Defect(
        "no-official-source",
        "error",
        "jp",
        SBERBANK_2014,
        SPEECH,
        "the sberbank record effective 2014-09-24 cites no official source",
    ),
    Defect(
        "official-source-pending",
        "warning",
        "jp",
        SBERBANK_2014 + "        title: Measures of 24 September 2014\n",
        SPEECH
        + "        title: Measures of 24 September 2014\n"
        + "    official_source_pending: The cabinet decision's text, not yet found.\n",
        "still waits for its official source",
    ),
    Defect(
        "weak-sources-only",
        "error",
        "jp",
        JP_AIRSPACE_URL,
        "      - url: https://blog.example.net/jp/airspace\n",
        "every source of this airspace_ban record is state-affiliated media or a wiki",
    ),
    Defect(
        "confirmed-after-evidence",
        "error",
        "jp",
        AIRSPACE_EVIDENCE,
        AIRSPACE_EVIDENCE.replace("2024-06-30", "2023-12-31"),
        "confirmed 2024-06-30 claims more than the evidence: its latest source is dated 2023-12-31",
    ),
    Defect(
        "confirmed-after-evidence",
        "error",
        "jp",
        AIRSPACE_EVIDENCE,
        "        title: Japan airspace notice\n",
        "no source carries a date ('published' or 'accessed')",
    ),
    Defect(
        "needless-waiver",
        "error",
        "eu",
        EU_SUMMARY,
        EU_SUMMARY + "    official_source_waiver: No act was published.\n",
        "so 'official_source_waiver' says nothing; delete it",
    ),
    Defect(
        "needless-waiver",
        "error",
        "eu",
        EU_SUMMARY,
        EU_SUMMARY + "    official_source_pending: The regulation.\n",
        "so 'official_source_pending' says nothing; delete it",
    ),
    Defect(
        "invalid-pattern",
        "error",
        "sources.yaml",
        LAST_PATTERN,
        LAST_PATTERN + "  - pattern: 'Order (\\d+'\n    example: Order (12\n",
        "is not a valid regular expression",
    ),
    Defect(
        "pattern-misses-example",
        "error",
        "sources.yaml",
        LAST_PATTERN,
        LAST_PATTERN + "  - pattern: 'Order \\d+'\n    example: Order twelve\n",
        "does not match its example 'Order twelve'",
    ),
]


def test_the_base_is_valid_with_no_issue(tmp_path: Path) -> None:
    report = validate_dataset(_dataset(tmp_path))
    assert report.issues == ()


@pytest.mark.parametrize("defect", DEFECTS, ids=[f"{d.rule}-{i}" for i, d in enumerate(DEFECTS)])
def test_one_defect_gives_exactly_its_issue(tmp_path: Path, defect: Defect) -> None:
    report = validate_dataset(_dataset(tmp_path, **defect.files()))
    assert [(i.rule, i.severity, i.path) for i in report.issues] == [
        (defect.rule, defect.severity, defect.path)
    ]
    assert defect.message in report.issues[0].message
    assert report.issues[0].line > 0
    assert report.valid is (defect.severity == "warning")


def test_the_defects_cover_every_source_rule() -> None:
    source_rules = {
        "unknown-source-host",
        "no-official-source",
        "weak-sources-only",
        "confirmed-after-evidence",
        "needless-waiver",
        "official-source-pending",
        "invalid-pattern",
        "pattern-misses-example",
    }
    assert {d.rule for d in DEFECTS} == source_rules
    assert set(SOURCE_RULES) <= source_rules


def test_a_waiver_stands_in_for_an_official_source(tmp_path: Path) -> None:
    jp = _once(
        _once(JP, SBERBANK_2014, SPEECH),
        SBERBANK_SUMMARY,
        SBERBANK_SUMMARY
        + "    official_source_waiver: Announced in a speech; no act was published.\n",
    )
    assert validate_dataset(_dataset(tmp_path, jp=jp)).issues == ()


def test_a_standing_absence_is_not_asked_for_an_official_source(tmp_path: Path) -> None:
    # Standing records carry no effective date: evidence of an absence is rarely an act.
    jp = _once(JP, JP_AIRSPACE_URL, "      - url: https://example.com/jp/airspace\n")
    assert validate_dataset(_dataset(tmp_path, jp=jp)).issues == ()


def test_a_citation_on_an_official_identifier_is_official_without_a_url(tmp_path: Path) -> None:
    # The EU record cites only "Council Regulation (EU) 2022/334": official by its identifier;
    # a host's kind comes from sources.yaml, subdomains and "www." included.
    dataset = load_dataset(_dataset(tmp_path), cache=None)
    kinds = dataset.source_kinds
    assert kinds is not None
    (regulation,) = dataset.members["EU"].measures[0].sources
    assert regulation.url is None
    assert kinds.kind(regulation) == "official"
    jp_airspace = dataset.members["JP"].measures[-1].sources[0]
    assert kinds.kind(jp_airspace) == "official"  # http://www.example.org/...
    assert kinds.host_kind("tv.example.ru") == "state_affiliated"
    assert kinds.host_kind("news.tv.example.ru") == "state_affiliated"
    assert kinds.host_kind("example.ru") is None


def test_the_source_rules_are_off_without_sources_yaml(tmp_path: Path) -> None:
    jp = _once(JP, SBERBANK_2014, SPEECH)
    assert validate_dataset(make_dataset(tmp_path, jp=jp)).issues == ()


def test_the_bundled_dataset_keeps_to_the_ratchet() -> None:
    # Every dated record cites an official source, waives it with a reason, or says what was
    # searched (a warning, reported until the source is found); nothing else is let through.
    report = validate_dataset(default_data_dir())
    assert report.errors == ()
    assert {issue.rule for issue in report.warnings} <= {
        "official-source-pending",
        "unknown-source-host",
    }
