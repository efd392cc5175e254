"""The validator: one broken dataset per defect, with the exact issues; and properties."""

from __future__ import annotations

import shutil
import string
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctions_gap.errors import DataError, Issue
from sanctions_gap.validate import (
    ValidationReport,
    default_data_dir,
    load_dataset,
    validate_dataset,
)
from tests.validation_fixtures import (
    CATEGORIES_YAML,
    EU_YAML,
    FILES,
    FR_YAML,
    JP_YAML,
    break_dataset,
    edit_text,
    file_path,
    line_number,
    make_dataset,
    write_files,
)

# ---------------------------------------------------------------------- the valid dataset


def test_the_fixture_dataset_is_valid(tmp_path: Path) -> None:
    report = validate_dataset(make_dataset(tmp_path))
    assert report.issues == ()
    assert report.valid
    assert report.files == len(FILES)
    assert report.dataset is not None
    assert sorted(report.dataset.members) == ["EU", "FR", "JP"]
    assert list(report.dataset.categories) == ["central_bank", "sberbank", "airspace_ban"]
    assert list(report.dataset.groups) == ["G2", "G2+EU"]
    assert report.dataset.members["FR"].inherits == ["EU"]


def test_the_bundled_dataset_is_valid() -> None:
    report = validate_dataset(default_data_dir())
    assert report.errors == ()
    assert report.dataset is not None


def test_line_number_helper_finds_fixture_lines() -> None:
    # The cases below name lines by number; this guards the numbers against fixture edits.
    assert line_number("jp", "status: full") == 14
    assert line_number("jp", "effective: 2025-01-01") == 35
    assert line_number("jp", "category: airspace_ban") == 40
    assert line_number("categories", "- id: sberbank") == 14
    assert line_number("groups", "- JP") == 11
    assert line_number("fr", "inherits:") == 5


def test_load_dataset_raises_data_error_with_every_issue(tmp_path: Path) -> None:
    root = break_dataset(tmp_path, "jp", 14, replace="    status: partial_ish")
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    assert [issue.rule for issue in caught.value.issues] == ["unknown-status"]
    assert caught.value.root == root
    assert str(caught.value) == "1 issue in the dataset"


def test_a_directory_that_does_not_exist(tmp_path: Path) -> None:
    report = validate_dataset(tmp_path / "nowhere")
    assert [str(i) for i in report.issues] == [
        f"{tmp_path / 'nowhere'}: not a directory; give a dataset directory [no-dataset]"
    ]


# ---------------------------------------------------------------------- broken datasets


@dataclass(frozen=True)
class Broken:
    """One broken dataset: the valid one with one defect, and the exact issues it gives."""

    name: str
    key: str
    """The file changed: ``categories``, ``groups`` or a member code (see ``file_path``)."""
    line: int = 0
    """The line changed; 0 when ``text`` replaces the whole file."""
    replace: str | None = None
    insert: str | None = None
    delete: bool = False
    text: str | bytes | None = None
    """The whole new content of the file, for defects that are not a one-line edit."""
    expected: tuple[str, ...] = field(default=())

    def build(self, root: Path) -> Path:
        if self.line:
            return break_dataset(
                root,
                self.key,
                self.line,
                replace=self.replace,
                insert=self.insert,
                delete=self.delete,
            )
        return write_files(root, {file_path(self.key): self.text})


JP = "members/jp.yaml"
EU = "members/eu.yaml"
FR = "members/fr.yaml"
MEASURE_KEYS = (
    "category, status, effective, announced, confirmed, instrument, summary, exemptions, "
    "sources, notes, official_source_waiver, official_source_pending"
)
DUPLICATE_RECORD = """\
  - category: sberbank
    status: full_blocking
    effective: 2014-09-24
    summary: A second record on the same date.
    sources:
      - citation: Cabinet decision of 24 September 2014
        title: Measures of 24 September 2014"""

BROKEN: list[Broken] = [
    # --- YAML and encoding
    Broken(
        "yaml-unclosed-bracket",
        "jp",
        7,
        replace="    status: [none",
        expected=(
            f"{JP}:7: the list opened with '[' here is not closed; close it with ']' on this "
            "line or write one '- ' item per line; the file goes on to line 8 without it "
            "[yaml-syntax]",
        ),
    ),
    Broken(
        "yaml-colon-in-plain-value",
        "jp",
        9,
        replace="    summary: Ban: all transactions",
        expected=(
            f"{JP}:9: invalid YAML: mapping values are not allowed in this context; a ': ' "
            "inside an unquoted value, or a key indented under a value; quote the value or "
            "align the key with the keys around it [yaml-syntax]",
        ),
    ),
    Broken(
        "yaml-key-indented-too-far",
        "eu",
        9,
        replace="     summary: EU airspace closed to Russian aircraft.",
        expected=(
            f"{EU}:9: invalid YAML: mapping values are not allowed in this context; a ': ' "
            "inside an unquoted value, or a key indented under a value; quote the value or "
            "align the key with the keys around it [yaml-syntax]",
        ),
    ),
    Broken(
        "yaml-key-indented-too-little",
        "eu",
        9,
        replace="   summary: EU airspace closed to Russian aircraft.",
        expected=(
            f"{EU}:9: invalid YAML: did not find expected '-' indicator (while parsing a block "
            "collection that starts on line 5); the line is indented like a list item but does "
            "not start with '- '; align it with the keys above it, or start a new item with "
            "'- ' [yaml-syntax]",
        ),
    ),
    Broken(
        "yaml-key-between-levels",
        "eu",
        13,
        insert=" notes: A key between the top level and the records.",
        expected=(
            f"{EU}:13: invalid YAML: did not find expected key (while parsing a block mapping "
            "that starts on line 1); a line is indented differently from the keys around it; "
            "align it with them [yaml-syntax]",
        ),
    ),
    Broken(
        "tab-indentation",
        "jp",
        7,
        replace="\tstatus: none",
        expected=(
            f"{JP}:7: a tab character indents this line; YAML indentation must use spaces, "
            "not tabs [yaml-tab]",
        ),
    ),
    Broken(
        "two-documents",
        "jp",
        3,
        insert="---",
        expected=(
            f"{JP}:3: a second YAML document starts here ('---'); a file holds one document: "
            "keep one [yaml-syntax]",
        ),
    ),
    Broken(
        "control-character",
        "jp",
        2,
        replace="name: Ja\x07pan",
        expected=(
            f"{JP}:2: the file holds a control character (#x0007), which YAML does not allow; "
            "delete it [yaml-syntax]",
        ),
    ),
    Broken(
        "empty-file",
        "jp",
        text="",
        expected=(
            f"{JP}: the file is empty (or holds only comments); it must hold a mapping of keys "
            "such as 'code:' [empty-file]",
        ),
    ),
    Broken(
        "only-a-comment",
        "jp",
        text="# Japan: to do\n",
        expected=(
            f"{JP}: the file is empty (or holds only comments); it must hold a mapping of keys "
            "such as 'code:' [empty-file]",
        ),
    ),
    Broken(
        "not-utf8",
        "jp",
        text=JP_YAML.replace("name: Japan", "name: Japón").encode("latin-1", "replace"),
        expected=(
            f"{JP}:2: the file is not UTF-8 (byte 0xf3 at offset 18); save it as UTF-8 [not-utf8]",
        ),
    ),
    Broken(
        "top-level-list",
        "jp",
        text="- code: JP\n  name: Japan\n",
        expected=(
            f"{JP}:1: the file holds a list, not a mapping; it must hold keys such as 'code:' "
            "at the top level, not indented and with no '- ' before them [not-a-mapping]",
        ),
    ),
    Broken(
        "top-level-text",
        "jp",
        text="Japan\n",
        expected=(
            f"{JP}:1: the file holds a single text value ('Japan'), not a mapping; it must hold "
            "keys such as 'code:' at the top level, not indented and with no '- ' before them "
            "[not-a-mapping]",
        ),
    ),
    Broken(
        "duplicate-key",
        "jp",
        3,
        replace="name: Nippon",
        expected=(
            f"{JP}:3: duplicate key 'name' (first on line 2); keep one and delete the other "
            "[duplicate-key]",
        ),
    ),
    Broken(
        "alias",
        "jp",
        3,
        replace="names: {ja: &n 日本, en: *n}",
        expected=(
            f"{JP}:3: the alias *n repeats a value marked &n; YAML anchors and aliases (&name, "
            "*name, <<) are not allowed in sanctions-gap data: write the value out [yaml-alias]",
        ),
    ),
    Broken(
        "undefined-alias",
        "jp",
        2,
        replace="name: *japan",
        expected=(
            f"{JP}:2: found undefined alias; aliases (*name) are not allowed in sanctions-gap "
            "data; write the value out [yaml-alias]",
        ),
    ),
    Broken(
        "python-object-tag",
        "jp",
        3,
        replace="names: !!python/object/apply:os.system ['echo owned']",
        expected=(
            f"{JP}:3: the tag !!python/object/apply:os.system is not allowed: sanctions-gap "
            "data uses no tags; remove it and write a plain value [yaml-tag]",
        ),
    ),
    Broken(
        "bad-int-tag",
        "jp",
        2,
        replace="name: !!int Japan",
        expected=(
            f"{JP}:2: the value 'Japan' cannot be read as its tag !!int says; remove the tag and "
            "write a plain value [yaml-tag]",
        ),
    ),
    Broken(
        "bad-bool-tag",
        "jp",
        2,
        replace="name: !!bool maybe",
        expected=(
            f"{JP}:2: the value 'maybe' cannot be read as its tag !!bool says; remove the tag "
            "and write a plain value [yaml-tag]",
        ),
    ),
    Broken(
        "bad-timestamp-tag",
        "jp",
        4,
        replace="reviewed: !!timestamp last week",
        expected=(
            f"{JP}:4: the value 'last week' cannot be read as its tag !!timestamp says; remove "
            "the tag and write a plain value [yaml-tag]",
        ),
    ),
    # --- keys and types
    Broken(
        "key-that-is-not-text",
        "jp",
        3,
        insert="2024-01-01: reviewed",
        expected=(
            f"{JP}:3: the key 2024-01-01 is read as a date, not as text; use one of the valid "
            "keys: code, name, names, reviewed, inherits, measures [unknown-key]",
        ),
    ),
    Broken(
        "unknown-key-with-hint",
        "jp",
        9,
        replace="    sumary: No measure against the central bank before March 2022.",
        expected=(
            f"{JP}:9: unknown key 'sumary'; did you mean 'summary'? (valid keys: "
            f"{MEASURE_KEYS}) [unknown-key]",
        ),
    ),
    Broken(
        "unknown-key-without-hint",
        "jp",
        47,
        replace="    remarks: Checked on the day of review.",
        expected=(f"{JP}:47: unknown key 'remarks' (valid keys: {MEASURE_KEYS}) [unknown-key]",),
    ),
    Broken(
        "unknown-top-level-key-with-hint",
        "jp",
        4,
        replace="reviewd: 2024-06-30",
        expected=(
            f"{JP}:4: unknown key 'reviewd'; did you mean 'reviewed'? (valid keys: code, name, "
            "names, reviewed, inherits, measures) [unknown-key]",
        ),
    ),
    Broken(
        "unknown-key-in-categories-file",
        "categories",
        1,
        replace="version: 1",
        expected=(
            "categories.yaml:1: unknown key 'version' (valid keys: categories) [unknown-key]",
        ),
    ),
    Broken(
        "missing-key",
        "jp",
        9,
        delete=True,
        expected=(
            f"{JP}:6: missing key 'summary'; add it (required here: category, status, summary, "
            "sources) [missing-key]",
        ),
    ),
    Broken(
        "missing-top-level-key",
        "jp",
        4,
        delete=True,
        expected=(
            f"{JP}:1: missing key 'reviewed'; add it (required here: code, name, reviewed) "
            "[missing-key]",
        ),
    ),
    Broken(
        "number-where-text",
        "jp",
        2,
        replace="name: 123",
        expected=(f"{JP}:2: name: expected text, got number 123 [wrong-type]",),
    ),
    Broken(
        "empty-text",
        "jp",
        2,
        replace="name: ''",
        expected=(
            f"{JP}:2: name: must not be empty; write the text, or delete the key if it is "
            "optional [empty-value]",
        ),
    ),
    Broken(
        "mapping-where-list-inherits",
        "fr",
        5,
        replace="inherits: {EU: all}",
        expected=(f"{FR}:5: inherits: expected a list, got mapping {{'EU': 'all'}} [wrong-type]",),
    ),
    Broken(
        "mapping-where-list-sources",
        "eu",
        11,
        replace="        citation: Council Regulation (EU) 2022/334",
        expected=(
            f"{EU}:10: sources: expected a list, got mapping {{'citation': 'Council Regulation "
            "(EU) 2022/334', 'title':... [wrong-type]",
        ),
    ),
    Broken(
        "mapping-where-list-measures",
        "eu",
        text="code: EU\nname: European Union\nreviewed: 2024-06-30\nmeasures: {}\n",
        expected=(
            f"{EU}:4: measures: expected a list of records (each starting with '- '), got "
            "mapping {}; write 'measures: []' for a member with no record yet [wrong-type]",
        ),
    ),
    Broken(
        "measures-left-empty",
        "eu",
        text="code: EU\nname: European Union\nreviewed: 2024-06-30\nmeasures:\n",
        expected=(
            f"{EU}:4: measures: expected a list of records (each starting with '- '), got "
            "nothing; write 'measures: []' for a member with no record yet [wrong-type]",
        ),
    ),
    Broken(
        "record-not-a-mapping",
        "jp",
        40,
        insert="  - central_bank full 2022-03-01",
        expected=(
            f"{JP}:40: measures item 5: expected a mapping, got text 'central_bank full "
            "2022-03-01' [wrong-type]",
        ),
    ),
    Broken(
        "text-key-required",
        "jp",
        3,
        replace="names: {1: Japan}",
        expected=(
            f"{JP}:3: names: the key 1 is a number; keys here must be text, such as a language "
            "code (ja, fr) [wrong-type]",
        ),
    ),
    Broken(
        "lower-case-code",
        "jp",
        1,
        replace="code: jp",
        expected=(
            f"{JP}:1: code: 'jp' is not valid; expected a two-letter upper-case member code "
            "such as JP or EU [invalid-value]",
        ),
    ),
    Broken(
        "unknown-family",
        "categories",
        5,
        replace="    family: money",
        expected=(
            "categories.yaml:5: family: 'money' is not valid; expected 'financial', 'trade', "
            "'energy', 'transport', 'diplomatic' or 'individuals' [invalid-value]",
        ),
    ),
    # --- dates
    Broken(
        "impossible-date",
        "jp",
        16,
        replace="    effective: 2022-02-30",
        expected=(
            f"{JP}:16: effective: '2022-02-30' is not a date that exists; write an existing "
            "date as YYYY-MM-DD [invalid-date]",
        ),
    ),
    Broken(
        "quoted-date",
        "jp",
        16,
        replace="    effective: '2022-03-01'",
        expected=(
            f"{JP}:16: effective: '2022-03-01' is quoted, so it is read as text, not a date; "
            "write it without quotes: effective: 2022-03-01 [quoted-date]",
        ),
    ),
    Broken(
        "not-a-date",
        "jp",
        16,
        replace="    effective: 1 March 2022",
        expected=(
            f"{JP}:16: effective: '1 March 2022' is not a date; write it as YYYY-MM-DD, "
            "unquoted [invalid-date]",
        ),
    ),
    Broken(
        "date-and-time",
        "jp",
        16,
        replace="    effective: 2022-03-01 09:00:00",
        expected=(
            f"{JP}:16: effective: expected a date (YYYY-MM-DD), got a date and time "
            "2022-03-01 09:00:00; leave the time out [wrong-type]",
        ),
    ),
    Broken(
        "number-where-date",
        "jp",
        4,
        replace="reviewed: 2024",
        expected=(f"{JP}:4: reviewed: expected a date (YYYY-MM-DD), got number 2024 [wrong-type]",),
    ),
    Broken(
        "date-before-the-federation",
        "jp",
        27,
        replace="    effective: 1991-12-24",
        expected=(
            f"{JP}:27: effective 1991-12-24 is before 1991-12-25, when the Russian Federation "
            "came into being; check the year [date-out-of-range]",
        ),
    ),
    Broken(
        "announced-after-effective",
        "jp",
        15,
        replace="    announced: 2022-03-02",
        expected=(
            f"{JP}:15: announced 2022-03-02 is after effective 2022-03-01; announced must be "
            "on or before effective [announced-after-effective]",
        ),
    ),
    Broken(
        "announced-after-reviewed",
        "jp",
        34,
        replace="    announced: 2024-07-01",
        expected=(
            f"{JP}:34: announced 2024-07-01 is after the file's reviewed date 2024-06-30; no "
            "date can be after the last check: correct it, or update 'reviewed' [after-reviewed]",
        ),
    ),
    Broken(
        "confirmed-after-reviewed",
        "jp",
        8,
        replace="    confirmed: 2024-07-01",
        expected=(
            f"{JP}:8: confirmed 2024-07-01 is after the file's reviewed date 2024-06-30; no "
            "date can be after the last check: correct it, or update 'reviewed' [after-reviewed]",
        ),
    ),
    Broken(
        "effective-after-reviewed-without-announced",
        "jp",
        34,
        delete=True,
        expected=(
            f"{JP}:34: effective 2025-01-01 is after the reviewed date 2024-06-30; a future "
            "measure needs an 'announced' date on or before the reviewed date "
            "[future-without-announced]",
        ),
    ),
    Broken(
        "exemption-until-before-effective",
        "jp",
        21,
        replace="        until: 2022-02-01",
        expected=(
            f"{JP}:21: exemption until 2022-02-01 ends before the measure's effective date "
            "2022-03-01; an exemption must end on or after the date the measure applies "
            "[exemption-before-effective]",
        ),
    ),
    # --- records
    Broken(
        "status-not-a-level",
        "jp",
        14,
        replace="    status: partial_ish",
        expected=(
            f"{JP}:14: status 'partial_ish' is not a level of 'central_bank'; use one of: none, "
            "partial, full, not_applicable [unknown-status]",
        ),
    ),
    Broken(
        "level-of-another-category",
        "jp",
        14,
        replace="    status: full_blocking",
        expected=(
            f"{JP}:14: status 'full_blocking' is not a level of 'central_bank'; use one of: "
            "none, partial, full, not_applicable [unknown-status]",
        ),
    ),
    Broken(
        "unknown-category",
        "jp",
        13,
        replace="  - category: central_banks",
        expected=(
            f"{JP}:13: unknown category 'central_banks'; did you mean 'central_bank'? "
            "[unknown-category]",
        ),
    ),
    Broken(
        "unknown-category-without-hint",
        "jp",
        13,
        replace="  - category: oil_price_cap",
        expected=(
            f"{JP}:13: unknown category 'oil_price_cap'; see categories.yaml [unknown-category]",
        ),
    ),
    Broken(
        "two-records-same-effective-date",
        "jp",
        40,
        insert=DUPLICATE_RECORD,
        expected=(
            f"{JP}:40: category 'sberbank' has two records effective 2014-09-24 (the first on "
            "line 25); merge them or correct a date [duplicate-effective]",
        ),
    ),
    Broken(
        "two-standing-records",
        "jp",
        40,
        replace="  - category: central_bank",
        expected=(
            f"{JP}:40: category 'central_bank' has two standing records (the first on line 6); "
            "keep one [duplicate-standing]",
        ),
    ),
    Broken(
        "standing-absence-without-confirmed",
        "jp",
        42,
        delete=True,
        expected=(
            f"{JP}:41: a standing absence (status 'none', no effective date) needs "
            "'confirmed': the date on which the absence was last confirmed [missing-confirmed]",
        ),
    ),
    Broken(
        "standing-absence-with-announced",
        "jp",
        8,
        insert="    announced: 2022-01-01",
        expected=(
            f"{JP}:8: 'announced' needs an 'effective' date; a standing absence has neither "
            "[announced-without-effective]",
        ),
    ),
    Broken(
        "dated-record-with-confirmed",
        "jp",
        27,
        insert="    confirmed: 2024-06-30",
        expected=(
            f"{JP}:27: confirmed 2024-06-30: 'confirmed' is only for standing absences (records "
            "without 'effective'); delete it or the effective date [confirmed-with-effective]",
        ),
    ),
    Broken(
        "standing-record-with-a-level",
        "jp",
        41,
        replace="    status: full",
        expected=(
            f"{JP}:41: a record with status 'full' needs an effective date; only 'none' or "
            "'not_applicable' may stand without one [missing-effective]",
        ),
    ),
    Broken(
        "file-name-does-not-match-code",
        "jp",
        1,
        replace="code: JA",
        expected=(
            f"{JP}:1: the file is named 'jp.yaml' but holds code 'JA'; name it ja.yaml "
            "[file-name-mismatch]",
        ),
    ),
    Broken(
        "sources-empty",
        "fr",
        text=FR_YAML.split("    sources:")[0] + "    sources: []\n",
        expected=(
            f"{FR}:11: a record needs at least one source (a url or a citation, and a title) "
            "[no-source]",
        ),
    ),
    Broken(
        "sources-missing",
        "fr",
        text=FR_YAML.split("    sources:")[0],
        expected=(
            f"{FR}:7: missing key 'sources': a record needs at least one source (a url or a "
            "citation, and a title) [no-source]",
        ),
    ),
    Broken(
        "source-without-url-or-citation",
        "jp",
        text=JP_YAML.replace(
            "      - citation: Cabinet decision of 24 September 2014\n"
            "        title: Measures of 24 September 2014\n",
            "      - title: Measures of 24 September 2014\n",
        ),
        expected=(
            f"{JP}:30: a source needs a 'url' (of a page you have read) or a 'citation' (the "
            "official name of the instrument); it has only 'title' [source-without-reference]",
        ),
    ),
    Broken(
        "url-not-http",
        "jp",
        23,
        replace="      - url: ftp://www.example.org/jp/central-bank",
        expected=(
            f"{JP}:23: url: 'ftp://www.example.org/jp/central-bank' is not valid; expected an "
            "http:// or https:// address with no spaces [invalid-value]",
        ),
    ),
    # --- members, inheritance, groups
    Broken(
        "unknown-group-member",
        "groups",
        11,
        replace="      - US",
        expected=(
            "groups.yaml:11: group 'G2+EU': unknown member 'US'; members are EU, FR, JP "
            "[unknown-member]",
        ),
    ),
    Broken(
        "group-member-twice",
        "groups",
        5,
        replace="    members: [FR, JP, FR]",
        expected=(
            "groups.yaml:5: group 'G2' lists 'FR' twice; list each member once "
            "[duplicate-group-member]",
        ),
    ),
    Broken(
        "duplicate-group",
        "groups",
        6,
        replace="  - id: g2",
        expected=(
            "groups.yaml:6: group 'g2' is defined twice (the first on line 2 as 'G2', ignoring "
            "case); give each group its own id [duplicate-group]",
        ),
    ),
    Broken(
        "inherits-unknown-member",
        "fr",
        5,
        replace="inherits: [DE]",
        expected=(
            f"{FR}:5: inherits unknown member 'DE'; members are EU, FR, JP [unknown-member]",
        ),
    ),
    Broken(
        "inherits-itself",
        "fr",
        5,
        replace="inherits: [EU, FR]",
        expected=(
            f"{FR}:5: FR inherits from itself; remove 'FR' from inherits [inheritance-cycle]",
        ),
    ),
    Broken(
        "inheritance-cycle",
        "eu",
        3,
        insert="inherits:\n  - FR",
        expected=(
            f"{EU}:4: inheritance cycle: EU -> FR -> EU; a member cannot inherit, even through "
            "others, from itself: remove one of these inherits [inheritance-cycle]",
            f"{FR}:5: inheritance cycle: FR -> EU -> FR; a member cannot inherit, even through "
            "others, from itself: remove one of these inherits [inheritance-cycle]",
        ),
    ),
    # --- categories
    Broken(
        "first-level-not-none",
        "categories",
        30,
        replace="      - id: open",
        expected=(
            "categories.yaml:30: category 'airspace_ban': the first level is 'open'; the first "
            "level must be 'none' [first-level-not-none]",
        ),
    ),
    Broken(
        "duplicate-category",
        "categories",
        25,
        replace="  - id: sberbank",
        expected=(
            "categories.yaml:25: category 'sberbank' is defined twice (the first on line 14); "
            "give each category its own id [duplicate-category]",
        ),
    ),
    Broken(
        "duplicate-level",
        "categories",
        12,
        replace="      - id: partial",
        expected=(
            "categories.yaml:12: category 'central_bank': level 'partial' is listed twice (the "
            "first on line 10); give each level its own id [duplicate-level]",
        ),
    ),
    Broken(
        "reserved-level",
        "categories",
        12,
        replace="      - id: not_applicable",
        expected=(
            "categories.yaml:12: category 'central_bank': 'not_applicable' is reserved and "
            "cannot be a level; the reserved ids are not_applicable, unknown [reserved-level]",
        ),
    ),
    Broken(
        "one-level-only",
        "categories",
        text=CATEGORIES_YAML.removesuffix(
            "      - id: full\n        description: Airspace closed.\n"
        ),
        expected=("categories.yaml:29: levels: needs at least 2 items, got 1 [too-few]",),
    ),
    Broken(
        "no-category",
        "categories",
        text="categories: []\n",
        expected=("categories.yaml:1: categories: needs at least 1 item, got 0 [too-few]",),
    ),
    # --- missing files
    Broken(
        "missing-categories-file",
        "categories",
        text=None,
        expected=("categories.yaml: the dataset has no categories.yaml; create it [missing-file]",),
    ),
    Broken(
        "missing-groups-file",
        "groups",
        text=None,
        expected=("groups.yaml: the dataset has no groups.yaml; create it [missing-file]",),
    ),
]


def test_there_are_enough_broken_datasets() -> None:
    assert len(BROKEN) >= 30
    assert len({case.name for case in BROKEN}) == len(BROKEN)


def _issues(report: ValidationReport) -> list[str]:
    return [str(issue) for issue in report.issues]


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_dataset(tmp_path: Path, case: Broken) -> None:
    report = validate_dataset(case.build(tmp_path))
    assert _issues(report) == list(case.expected)
    assert not report.valid
    assert report.dataset is None
    with pytest.raises(DataError):
        load_dataset(tmp_path)


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_every_issue_names_a_file_and_a_rule(tmp_path: Path, case: Broken) -> None:
    for issue in validate_dataset(case.build(tmp_path)).issues:
        assert issue.path in FILES or issue.path.startswith("members/")
        assert issue.rule and issue.rule == issue.rule.lower() and " " not in issue.rule
        # Whole-file issues carry line 0; everything else points into the file.
        assert issue.line >= 0


def test_issue_fields(tmp_path: Path) -> None:
    report = validate_dataset(break_dataset(tmp_path, "jp", 14, replace="    status: maximal"))
    assert report.issues == (
        Issue(
            JP,
            14,
            "unknown-status",
            "status 'maximal' is not a level of 'central_bank'; use one of: none, partial, "
            "full, not_applicable",
        ),
    )


def test_missing_members_directory(tmp_path: Path) -> None:
    root = make_dataset(tmp_path)
    shutil.rmtree(root / "members")
    assert _issues(validate_dataset(root)) == [
        "members: the dataset has no members/ directory; create it, with one <code>.yaml file "
        "per member [missing-file]",
    ]


def test_empty_members_directory(tmp_path: Path) -> None:
    root = make_dataset(tmp_path, eu=None, fr=None, jp=None)
    assert _issues(validate_dataset(root)) == [
        "members: members/ holds no member file; add one <code>.yaml file per member "
        "[missing-file]",
    ]


def test_two_files_for_one_member(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"members/jp.yml": JP_YAML})
    assert _issues(validate_dataset(root)) == [
        "members/jp.yml:1: member 'JP' is also in members/jp.yaml; keep one file per member "
        "[duplicate-member]",
    ]


def test_an_invalid_member_file_is_not_reported_again_where_it_is_referenced(
    tmp_path: Path,
) -> None:
    # EU's file is broken; FR inherits EU and a group lists it: neither adds an issue.
    root = make_dataset(tmp_path, eu=EU_YAML.replace("name: European Union", "name: 27"))
    assert _issues(validate_dataset(root)) == [
        f"{EU}:2: name: expected text, got number 27 [wrong-type]",
    ]


# ---------------------------------------------------------------------- accepted inputs


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = "\ufeff" + JP_YAML.replace("\n", "\r\n")
    report = validate_dataset(make_dataset(tmp_path, jp=text))
    assert report.issues == ()
    assert report.dataset is not None
    assert report.dataset.members["JP"].names == {"ja": "日本"}


def test_lines_are_right_with_crlf(tmp_path: Path) -> None:
    text = edit_text(JP_YAML, 14, replace="    status: maximal").replace("\n", "\r\n")
    report = validate_dataset(make_dataset(tmp_path, jp=text))
    assert [(i.line, i.rule) for i in report.issues] == [(14, "unknown-status")]


def test_norway_stays_a_string(tmp_path: Path) -> None:
    norway = "code: NO\nname: Norway\nreviewed: 2024-06-30\ninherits: [EU]\nmeasures: []\n"
    groups = FILES["groups.yaml"].replace("members: [FR, JP]", "members: [FR, JP, NO]")
    report = validate_dataset(make_dataset(tmp_path, no=norway, groups=groups))
    assert report.issues == ()
    assert report.dataset is not None
    assert report.dataset.members["NO"].code == "NO"
    assert report.dataset.groups["G2"].members == ["FR", "JP", "NO"]


def test_yes_and_on_stay_strings(tmp_path: Path) -> None:
    text = JP_YAML.replace("name: Japan", "name: yes").replace(
        "notes: Checked on the day of review.", "notes: on"
    )
    report = validate_dataset(make_dataset(tmp_path, jp=text))
    assert report.issues == ()
    assert report.dataset is not None
    assert report.dataset.members["JP"].name == "yes"


def test_a_future_measure_with_an_announced_date_is_valid(tmp_path: Path) -> None:
    report = validate_dataset(make_dataset(tmp_path))
    assert report.dataset is not None
    dates = [m.effective for m in report.dataset.members["JP"].measures]
    assert max(d for d in dates if d is not None).isoformat() == "2025-01-01"


def test_a_member_with_no_measures_key_is_valid(tmp_path: Path) -> None:
    eu = "code: EU\nname: European Union\nreviewed: 2024-06-30\n"
    report = validate_dataset(make_dataset(tmp_path, eu=eu))
    assert report.issues == ()


# ---------------------------------------------------------------------- collecting


def test_three_defects_in_one_file_give_three_issues(tmp_path: Path) -> None:
    text = edit_text(JP_YAML, 2, replace="name: 123")
    text = edit_text(text, 14, replace="    status: maximal")
    text = edit_text(text, 27, replace="    effective: 2014-02-30")
    report = validate_dataset(make_dataset(tmp_path, jp=text))
    assert _issues(report) == [
        f"{JP}:2: name: expected text, got number 123 [wrong-type]",
        f"{JP}:14: status 'maximal' is not a level of 'central_bank'; use one of: none, "
        "partial, full, not_applicable [unknown-status]",
        f"{JP}:27: effective: '2014-02-30' is not a date that exists; write an existing date "
        "as YYYY-MM-DD [invalid-date]",
    ]


def test_defects_in_several_files_are_all_reported(tmp_path: Path) -> None:
    root = make_dataset(
        tmp_path,
        categories=edit_text(CATEGORIES_YAML, 27, replace="    family: transportation"),
        groups=edit_text(FILES["groups.yaml"], 11, replace="      - US"),
        fr=edit_text(FR_YAML, 2, replace="name: ''"),
        jp="",
    )
    assert [(i.path, i.line, i.rule) for i in validate_dataset(root).issues] == [
        ("categories.yaml", 27, "invalid-value"),
        ("groups.yaml", 11, "unknown-member"),
        (FR, 2, "empty-value"),
        (JP, 0, "empty-file"),
    ]


def test_issues_are_sorted_and_the_report_serialises(tmp_path: Path) -> None:
    text = edit_text(JP_YAML, 14, replace="    status: maximal")
    text = edit_text(text, 2, replace="name: 123")
    report = validate_dataset(make_dataset(tmp_path, jp=text))
    assert list(report.issues) == sorted(report.issues)
    summary = report.to_dict()
    assert summary["valid"] is False
    assert summary["files"] == len(FILES)
    assert [i["line"] for i in summary["issues"]] == [2, 14]


# ---------------------------------------------------------------------- properties

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["JP", "NO", "central_bank", "none", "full", "2022-02-30", "EU", ""]),
)
_keys = st.one_of(
    st.sampled_from(
        [
            "code",
            "name",
            "names",
            "reviewed",
            "inherits",
            "measures",
            "category",
            "status",
            "effective",
            "announced",
            "confirmed",
            "summary",
            "sources",
            "url",
            "citation",
            "title",
            "exemptions",
            "scope",
            "until",
        ]
    ),
    st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=10),
    st.integers(min_value=0, max_value=99),
)
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=6)
    ),
    max_leaves=25,
)

_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _check(root: Path, content: str | bytes) -> None:
    write_files(root, {"members/jp.yaml": content})
    report = validate_dataset(root)
    assert isinstance(report, ValidationReport)
    if report.valid:
        assert report.dataset is not None
    else:
        assert report.dataset is None
        for issue in report.issues:
            assert isinstance(issue, Issue)
            assert issue.message
            assert issue.line >= 0


@_SETTINGS
@given(document=_documents)
def test_random_yaml_documents_never_raise(tmp_path: Path, document: object) -> None:
    _check(tmp_path, yaml.safe_dump(document, allow_unicode=True))


@_SETTINGS
@given(
    member=st.fixed_dictionaries(
        {"code": st.sampled_from(["JP", "jp", "NO", 1]), "name": _scalars},
        optional={"reviewed": _scalars, "inherits": _documents, "measures": _documents},
    )
)
def test_random_member_shaped_documents_never_raise(tmp_path: Path, member: object) -> None:
    _check(tmp_path, yaml.safe_dump(member, allow_unicode=True))


@_SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_never_raises(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text)


@_SETTINGS
@given(text=st.text(alphabet=":-[]{}&*!|>'\"#%@`,? \t\n\r\ufeffabcJP0129", max_size=200))
def test_random_yaml_punctuation_never_raises(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text)


@_SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    _check(tmp_path, data)


_JP_LINES = JP_YAML.splitlines(keepends=True)
_line_index = st.integers(min_value=0, max_value=len(_JP_LINES) - 1)


@st.composite
def _mutations(draw: st.DrawFn) -> str:
    lines = list(_JP_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if not lines:
            break
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index].removeprefix("  ")
    return "".join(lines)


@_SETTINGS
@given(text=_mutations())
def test_mutated_member_files_never_raise(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text)


_TAGS = st.sampled_from(
    [
        "!!int",
        "!!float",
        "!!bool",
        "!!null",
        "!!timestamp",
        "!!str",
        "!!binary",
        "!!set",
        "!!omap",
        "!!pairs",
        "!!seq",
        "!!map",
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!local",
        "!<tag:example.org,2024:x>",
    ]
)


@_SETTINGS
@given(
    index=_line_index,
    tag=_TAGS,
    value=st.sampled_from(["abc", "1", "", "[a]", "{a: 1}", "2022-02-30", "maybe", "aGk="]),
)
def test_tagged_values_never_raise(tmp_path: Path, index: int, tag: str, value: str) -> None:
    line = _JP_LINES[index]
    head, colon, _rest = line.partition(": ")
    new = f"{head}: {tag} {value}" if colon else f"{line.rstrip()} {tag} {value}"
    _check(tmp_path, edit_text(JP_YAML, index + 1, replace=new))


@_SETTINGS
@given(index=_line_index, data=st.data())
def test_one_line_replaced_by_random_yaml_never_raises(
    tmp_path: Path, index: int, data: st.DataObject
) -> None:
    line = _JP_LINES[index]
    indent = line[: len(line) - len(line.lstrip())]
    value = data.draw(_scalars)
    key = line.strip().split(":", 1)[0]
    dumped = yaml.safe_dump({key: value}, default_flow_style=True, width=10_000).strip()
    text = edit_text(JP_YAML, index + 1, replace=indent + dumped[1:-1])
    _check(tmp_path, text)


@pytest.mark.parametrize(
    ("until", "issues"),
    [
        # Ends on the day the measure applies (effective 2022-03-01): valid, the boundary.
        ("2022-03-01", []),
        ("2022-03-02", []),
        # The day before: the exemption ends before the measure applies.
        (
            "2022-02-28",
            [
                f"{JP}:21: exemption until 2022-02-28 ends before the measure's effective date "
                "2022-03-01; an exemption must end on or after the date the measure applies "
                "[exemption-before-effective]"
            ],
        ),
    ],
)
def test_an_exemption_may_end_on_the_effective_day(
    tmp_path: Path, until: str, issues: list[str]
) -> None:
    root = break_dataset(make_dataset(tmp_path), "jp", 21, replace=f"        until: {until}")
    report = validate_dataset(root)
    assert _issues(report) == issues
    assert report.valid is (not issues)
    if not issues:
        assert report.dataset is not None
        [central] = [
            m
            for m in report.dataset.members["JP"].measures
            if m.category == "central_bank" and m.exemptions
        ]
        assert central.exemptions[0].until is not None and central.effective is not None
        assert central.exemptions[0].until.isoformat() == until
        assert central.effective.isoformat() == "2022-03-01"
