"""The loader: line numbers, duplicate keys, aliases, safe loading, encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctions_gap.errors import Issue
from sanctions_gap.loader import LineDict, LineList, line_of, parse_text, read_document

MEMBER = """\
code: JP
name: Japan
measures:
  - category: central_bank
    status: full
    sources:
      - url: https://www.example.org/a
        title: A
      - citation: Act 1
        title: B
  - category: sberbank

    status: none
"""


def _data(text: str) -> LineDict:
    document, issues = parse_text(text, "x.yaml")
    assert issues == []
    assert document is not None
    assert isinstance(document.data, LineDict)
    return document.data


def _issues(text: str) -> list[Issue]:
    document, issues = parse_text(text, "x.yaml")
    assert document is None
    return issues


# ---------------------------------------------------------------------- line numbers


def test_mappings_and_lists_remember_their_lines() -> None:
    data = _data(MEMBER)
    assert data.line == 1
    assert data.key_lines == {"code": 1, "name": 2, "measures": 3}
    measures = data["measures"]
    assert isinstance(measures, LineList)
    assert measures.line == 4
    assert measures.item_lines == [4, 11]
    assert measures[1].key_lines == {"category": 11, "status": 13}
    assert measures[0]["sources"].item_lines == [7, 9]


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        ((), 1),
        (("name",), 2),
        (("measures",), 3),
        (("measures", 0), 4),
        (("measures", 0, "status"), 5),
        (("measures", 0, "sources", 1), 9),
        (("measures", 0, "sources", 1, "title"), 10),
        (("measures", 1, "status"), 13),
        # A key that is not there: the line of the deepest part that is.
        (("measures", 1, "summary"), 11),
        (("measures", 0, "sources", 5, "title"), 6),
        (("measures", 7), 3),
        (("nothing", "here"), 1),
        # A list index on a mapping, a key on a list, a key on a scalar: stop there.
        (("name", "first"), 2),
        (("measures", "category"), 3),
        ((0,), 1),
    ],
)
def test_line_of(loc: tuple[object, ...], line: int) -> None:
    assert line_of(_data(MEMBER), loc) == line


def test_line_of_plain_data_is_line_one() -> None:
    assert line_of({"a": 1}, ("a",)) == 1
    assert line_of(None, ()) == 1


def test_flow_collections_have_lines() -> None:
    data = _data("a: 1\nb: [x, y]\nc: {d: 1,\n  e: 2}\n")
    assert data["b"].item_lines == [2, 2]
    assert data["c"].key_lines == {"d": 3, "e": 4}
    assert line_of(data, ("c", "e")) == 4


# ---------------------------------------------------------------------- values


def test_dates_norway_and_booleans() -> None:
    data = _data("code: NO\nreviewed: 2024-06-30\nbad: 2022-02-30\nyes: on\nflag: true\nn: 12\n")
    assert data["code"] == "NO"
    assert data["reviewed"] == dt.date(2024, 6, 30)
    # An impossible date stays text, so that validation can quote it.
    assert data["bad"] == "2022-02-30"
    assert data["yes"] == "on"
    assert data["flag"] is True
    assert data["n"] == 12


def test_quoted_date_stays_text() -> None:
    assert _data("d: '2022-03-01'\n")["d"] == "2022-03-01"


# ---------------------------------------------------------------------- refused input


def test_duplicate_key_is_an_issue() -> None:
    assert _issues("code: JP\nname: Japan\ncode: JA\n") == [
        Issue(
            "x.yaml",
            3,
            "duplicate-key",
            "duplicate key 'code' (first on line 1); keep one and delete the other",
        )
    ]


def test_duplicate_key_in_a_nested_mapping() -> None:
    text = "measures:\n  - category: a\n    status: x\n    status: y\n"
    assert [(i.line, i.rule) for i in _issues(text)] == [(4, "duplicate-key")]


def test_same_key_in_two_mappings_is_fine() -> None:
    data = _data("x:\n  - a: 1\n  - a: 2\n")
    assert [item["a"] for item in data["x"]] == [1, 2]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &x 1\nb: *x\n", 2),
        ("a: &x [1, 2]\nb: *x\n", 2),
        ("base: &b {k: 1}\nother:\n  <<: *b\n", 3),
        ("a: &r [*r]\n", 1),
        ("a: *nowhere\n", 1),
    ],
)
def test_aliases_are_refused(text: str, line: int) -> None:
    issues = _issues(text)
    assert [(i.line, i.rule) for i in issues] == [(line, "yaml-alias")]


def test_alias_message_names_the_alias() -> None:
    assert _issues("a: &first 1\nb: *first\n") == [
        Issue(
            "x.yaml",
            2,
            "yaml-alias",
            "the alias *first repeats a value marked &first; YAML anchors and aliases (&name, "
            "*name, <<) are not allowed in sanctions-gap data: write the value out",
        )
    ]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    issues = _issues("\n".join(lines) + "\n")
    assert [(i.line, i.rule) for i in issues] == [(2, "yaml-alias")]


def test_python_tags_build_nothing_and_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        issues = _issues(f"name: {tag} ['touch {marker}']\n")
        assert [(i.line, i.rule) for i in issues] == [(1, "yaml-tag")]
        assert tag in issues[0].message
    assert [i.rule for i in _issues("f: !!python/name:os.system\n")] == ["yaml-tag"]
    assert not marker.exists()


def test_tag_that_cannot_be_read() -> None:
    assert _issues("a: 1\nb: !!int abc\n") == [
        Issue(
            "x.yaml",
            2,
            "yaml-tag",
            "the value 'abc' cannot be read as its tag !!int says; remove the tag and write a "
            "plain value",
        )
    ]


def test_a_list_as_key_is_refused() -> None:
    assert [(i.line, i.rule) for i in _issues("a: 1\n? [x, y]\n: 2\n")] == [(2, "yaml-syntax")]


def test_deep_nesting_is_an_issue_not_a_crash() -> None:
    issues = _issues("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [i.rule for i in issues] == ["yaml-syntax"]


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("", "empty-file", 0),
        ("# only a comment\n", "empty-file", 0),
        ("---\n...\n", "empty-file", 0),
        ("- a\n- b\n", "not-a-mapping", 1),
        ("just text\n", "not-a-mapping", 1),
        ("12\n", "not-a-mapping", 1),
        ("a: 1\n\tb: 2\n", "yaml-tab", 2),
        ("a: [1, 2\nb: 3\n", "yaml-syntax", 1),
        ('a: "open\nb: 3\n', "yaml-syntax", 1),
        ("a: 1\n---\nb: 2\n", "yaml-syntax", 2),
        ("a: b\x00c\n", "yaml-syntax", 1),
    ],
)
def test_refused_documents(text: str, rule: str, line: int) -> None:
    assert [(i.rule, i.line) for i in _issues(text)] == [(rule, line)]


# ---------------------------------------------------------------------- files and encodings


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    file = tmp_path / "jp.yaml"
    file.write_bytes("\ufeff".encode() + MEMBER.replace("\n", "\r\n").encode())
    document, issues = read_document(file, "members/jp.yaml")
    assert issues == []
    assert document is not None
    assert document.path == "members/jp.yaml"
    assert document.data["code"] == "JP"
    assert line_of(document.data, ("measures", 1, "status")) == 13


def test_old_mac_line_endings_keep_lines(tmp_path: Path) -> None:
    file = tmp_path / "jp.yaml"
    file.write_bytes(b"a: 1\rb: 2\r")
    document, issues = read_document(file, "jp.yaml")
    assert issues == []
    assert document is not None
    assert document.data.key_lines == {"a": 1, "b": 2}


def test_latin1_is_refused_with_its_line(tmp_path: Path) -> None:
    file = tmp_path / "jp.yaml"
    file.write_bytes("code: JP\nname: Japón\n".encode("latin-1"))
    assert read_document(file, "members/jp.yaml") == (
        None,
        [
            Issue(
                "members/jp.yaml",
                2,
                "not-utf8",
                "the file is not UTF-8 (byte 0xf3 at offset 18); save it as UTF-8",
            )
        ],
    )


def test_utf16_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "jp.yaml"
    file.write_bytes("code: JP\n".encode("utf-16"))
    document, issues = read_document(file, "jp.yaml")
    assert document is None
    assert [i.rule for i in issues] == ["not-utf8"]


def test_unreadable_file(tmp_path: Path) -> None:
    document, issues = read_document(tmp_path / "missing.yaml", "missing.yaml")
    assert document is None
    assert [(i.path, i.line, i.rule) for i in issues] == [("missing.yaml", 0, "unreadable")]
    assert issues[0].message.startswith("cannot read the file: ")
