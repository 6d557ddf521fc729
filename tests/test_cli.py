"""The ``peerprod`` command line: in-process through ``main`` and end to end as installed."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerprod import cases
from peerprod import documents as serialization
from peerprod.cli import (
    EXIT_CLAIM_UNSUPPORTED,
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    main,
)
from peerprod.graphs import formats as graph_io

BAD_TOML = """\
format = 1
id = "bad"
name = "Bad"

[[actors]]
id = "a"
kind = "corp"
name = "A"
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (EXIT_OK, "")
    return json.loads(out)


def assert_one_clean_error(err: str, *needles: str) -> None:
    """One message on stderr, prefixed like argparse's, naming what is wrong, no traceback."""
    assert err.startswith("peerprod: error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err


def _without_properties(data: Any, fields: Any) -> Any:
    """``data`` with only the keys ``fields`` has, at every level."""
    if isinstance(data, dict) and isinstance(fields, dict):
        return {k: _without_properties(data[k], fields[k]) for k in fields if k in data}
    if isinstance(data, list) and isinstance(fields, list):
        return [_without_properties(d, f) for d, f in zip(data, fields, strict=True)]
    return data


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(BAD_TOML, encoding="utf-8")
    return path


class TestCases:
    """`peerprod cases` lists every built-in case, or prints one as a template."""

    def test_lists_every_case_with_counts(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "cases")
        assert status == EXIT_OK
        lines = out.splitlines()
        assert lines[0].split() == [
            "CASE",
            "ACTORS",
            "L1",
            "L2",
            "L3",
            "L4",
            "L5",
            "ARRANGEMENTS",
            "NAME",
        ]
        rows = {line.split()[0]: line.split() for line in lines[1 : 1 + len(cases.names())]}
        assert set(rows) == set(cases.names())
        lego = cases.load("lego")
        assert rows["lego"][1:8] == ["5", "3", "0", "0", "0", "0", str(len(lego.arrangements))]

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "cases")
        assert [c["case"] for c in data] == list(cases.names())
        linux = next(c for c in data if c["case"] == "linux")
        assert linux["counts"]["funding"] == len(cases.load("linux").funding)
        assert linux["arrangements"] == [a.id for a in cases.load("linux").arrangements]

    def test_prints_one_case_as_toml(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "cases", "ikea")
        assert status == EXIT_OK
        assert out == cases.text("ikea")

    def test_prints_one_case_as_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "cases", "ikea", "--json")
        assert status == EXIT_OK
        assert serialization.loads_json(out) == cases.load("ikea")

    def test_unknown_case(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "cases", "lgeo")
        assert (status, out) == (EXIT_INVALID, "")
        assert_one_clean_error(err, "'lgeo'", "lego")


class TestClassify:
    """`peerprod classify` gives each arrangement's rung, model and reasons."""

    def test_no_argument_means_every_case(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "classify")
        assert (status, err) == (EXIT_OK, "")
        assert run(capsys, "classify", "--all") == (status, out, err)
        for name in cases.names():
            assert f"{name}: {cases.load(name).name}" in out

    def test_summary_after_several_ecosystems(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "classify", "lego", "ikea", "eclipse", "--brief")
        assert out.splitlines()[-4:] == [
            "summary: 3 ecosystems, 5 arrangements, 1 coalition",
            "  by rung:  1: 1  3: 1  4: 1  7: 1  8: 1",
            "  by model: commons-centred 1, sharing 1, crowdsourced 1, none 2",
            "  coalitions: dominated 1",
        ]
        _, single, _ = run(capsys, "classify", "lego")
        assert "summary:" not in single

    def test_table_for_lego(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "classify", "lego", "--brief")
        assert status == EXIT_OK
        rows = {line.split()[0]: line.split() for line in out.splitlines()[4:]}
        assert rows["lego-classic"][1:3] == ["1", "consumers"]
        assert rows["lego-factory"][-2:-1] == ["crowdsourced"]
        assert rows["lego-world"][1:2] == ["7"]
        assert rows["lugnet"][-2:-1] == ["commons-centred"]
        assert "- " not in out

    def test_reasons_follow_each_row(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "classify", "ikea")
        assert "    - contributions include assembly: {assembly} (stated)" in out

    def test_coalitions(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "classify", "eclipse", "linux")
        assert "eclipse-consortium  dominated" in out
        assert "ibm (50%)" in out
        assert "linux-foundation-board  equal say" in out
        assert "8 tied (12.5% each)" in out

    def test_nothing_to_classify(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "empty.toml"
        path.write_text('format = 1\nid = "empty"\nname = "Empty"\n', encoding="utf-8")
        status, out, _ = run(capsys, "classify", str(path))
        assert status == EXIT_OK
        assert out.splitlines() == [
            f"{path} (empty): Empty",
            "  structure: partial (no community, foundation, business)",
            "  (no arrangements or coalitions to classify)",
        ]

    def test_coalition_without_members(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "board.toml"
        path.write_text(
            'format = 1\nid = "b"\nname = "B"\n\n[[coalitions]]\nid = "board"\n'
            'name = "Board"\nbody = "Board"\nmembers = []\n',
            encoding="utf-8",
        )
        _, out, _ = run(capsys, "classify", str(path))
        assert out.splitlines()[4].split() == ["board", "unknown", "0", "-", "0.000"]

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        [lego] = run_json(capsys, "classify", "lego")
        assert lego["source"] == lego["report"]["ecosystem"] == "lego"
        assert lego["name"] == cases.load("lego").name
        report = lego["report"]
        assert [a["rung"]["rung"] for a in report["arrangements"]] == [1, 4, 7, 8]
        assert [a["model"]["model"] for a in report["arrangements"]] == [
            "none",
            "crowdsourced",
            "sharing",
            "commons_centred",
        ]
        assert report["missing"] == ["foundation"]
        reason = report["arrangements"][0]["rung"]["reasons"][0]
        assert reason == {
            "rung": 1,
            "rule": "consumers",
            "condition": {"fact": "contributions", "members": ["nothing"], "label": "nothing"},
            "value": ["nothing"],
            "met": True,
            "source": "stated",
            "fact": "contributions",
        }
        assert report["arrangements"][0]["rung"]["possible"] == [1]
        [eclipse] = run_json(capsys, "classify", "eclipse")
        assert eclipse["report"]["control_index"] is None
        assert eclipse["report"]["coalitions"][0]["verdict"] == "dominated"

    def test_json_is_the_converter_s_view_of_the_report(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # Every field of the verdict types, then their properties: nothing written by hand.
        from peerprod.analysis.report import analyse
        from peerprod.documents import make_converter

        for name in cases.names():
            [data] = run_json(capsys, "classify", name)
            # Through JSON, as the command writes it: tuples become lists.
            fields = json.loads(json.dumps(make_converter().unstructure(analyse(cases.load(name)))))
            assert _without_properties(data["report"], fields) == fields

    @pytest.mark.parametrize("suffix", [".toml", ".json", ".graphml", ".gexf", ".cyjs"])
    def test_files_classify_like_the_case(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
    ) -> None:
        path = tmp_path / f"mine{suffix}"
        if suffix in (".toml", ".json"):
            serialization.write(cases.load("lego"), path)
        else:
            graph_io.write(cases.load("lego"), path)
        [from_file] = run_json(capsys, "classify", str(path))
        [from_case] = run_json(capsys, "classify", "lego")
        assert from_file.pop("source") == str(path)
        from_case.pop("source")
        assert from_file == from_case

    @pytest.mark.parametrize("kind", ["toml", "json"])
    def test_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
    ) -> None:
        text = (
            cases.text("ikea") if kind == "toml" else serialization.dumps_json(cases.load("ikea"))
        )
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        [data] = run_json(capsys, "classify", "-")
        assert data["source"] == "<stdin>"
        assert data["report"]["arrangements"][0]["rung"]["rung"] == 3

    def test_invalid_document(self, capsys: pytest.CaptureFixture[str], bad_file: Path) -> None:
        status, out, err = run(capsys, "classify", "lego", str(bad_file))
        assert (status, out) == (EXIT_INVALID, "")
        assert_one_clean_error(err, f"{bad_file}: actors[0].kind: 'corp' is not one of")

    def test_every_bad_input_is_reported(
        self, capsys: pytest.CaptureFixture[str], bad_file: Path, tmp_path: Path
    ) -> None:
        missing = tmp_path / "missing.toml"
        status, _, err = run(capsys, "classify", str(bad_file), "nope", str(missing), "x.txt")
        assert status == EXIT_INVALID
        assert_one_clean_error(
            err,
            "actors[0].kind",
            "no built-in case named 'nope'",
            f"{missing}: cannot read the file",
            "x.txt: expected a peerprod document",
        )

    def test_invalid_standard_input_is_located(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO('{"format": 1, "id": "x"}'))
        status, _, err = run(capsys, "classify", "-")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "<stdin>: name: required field missing")

    def test_not_utf8(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "latin1.toml"
        path.write_bytes('format = 1\nid = "x"\nname = "Caf\xe9"\n'.encode("latin-1"))
        status, _, err = run(capsys, "classify", str(path))
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "not UTF-8")

    def test_a_directory(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        folder = tmp_path / "folder.toml"
        folder.mkdir()
        status, _, err = run(capsys, "classify", str(folder))
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "cannot read the file")


CONTRADICTED = """
format = 2
id = "busl-project"
name = "A source-available project"

[[actors]]
id = "vendor"
kind = "business"
name = "The vendor"

[[actors]]
id = "users"
kind = "community"
name = "Contributors"

[[platforms]]
id = "forge"
name = "The vendor's forge"
initiators = ["vendor"]
operator = "vendor"

[[commons]]
id = "code"
name = "The code"
resources = ["software"]
license = "BUSL-1.1"
contribution_terms = "assignment_company"
terms_holder = "vendor"
platform = "forge"

[[arrangements]]
id = "development"
name = "Development"
organizer = "vendor"
participants = "users"
platform = "forge"
commons = "code"
contributions = ["code"]
community = true
competition = false
monetization = [{channel = "product_sales", by = "organizer"}]
parameters = "shared"
design = "shared"
joint_design = true
platform_control = "shared"
value_chain_control = "shared"
output_regime = "commons"
"""
"""Issue 9's example: a BUSL commons assigned to the vendor that runs the platform, whose
arrangement claims a commons on a shared platform."""


@pytest.fixture
def contradicted(tmp_path: Path) -> Path:
    path = tmp_path / "busl.toml"
    path.write_text(CONTRADICTED, encoding="utf-8")
    return path


class TestEvidence:
    """Stated facts the layers contradict are shown, and fail a run under --strict."""

    def test_classify_shows_them_and_reads_the_layers(
        self, capsys: pytest.CaptureFixture[str], contradicted: Path
    ) -> None:
        status, out, err = run(capsys, "classify", str(contradicted))
        assert (status, err) == (EXIT_OK, "")
        assert "! development: platform_control is stated as 'shared', but platforms[0]" in out
        assert "output_regime is stated as 'commons', but commons[0] 'code'" in out
        assert "makes it 'sharecropping'" in out
        assert " 6 co-creativity" in out

    def test_strict_fails_the_run_but_writes_the_report(
        self, capsys: pytest.CaptureFixture[str], contradicted: Path
    ) -> None:
        status, out, err = run(capsys, "classify", "--strict", str(contradicted))
        assert status == EXIT_INVALID
        assert "development" in out
        assert "--strict: 2 stated facts contradict the ecosystem's layers" in err
        assert run(capsys, "classify", "--strict", "linux")[0] == EXIT_OK

    def test_stated_facts_win_when_preferred(
        self, capsys: pytest.CaptureFixture[str], contradicted: Path
    ) -> None:
        _, out, _ = run(capsys, "classify", "--prefer", "stated", str(contradicted))
        assert " 8 peer production" in out

    def test_validate_lists_them(
        self, capsys: pytest.CaptureFixture[str], contradicted: Path
    ) -> None:
        status, out, _ = run(capsys, "validate", str(contradicted))
        assert status == EXIT_OK
        assert out.count("  ! development:") == 2
        assert run(capsys, "validate", "--strict", str(contradicted))[0] == EXIT_INVALID

    def test_check_lists_them(self, capsys: pytest.CaptureFixture[str], contradicted: Path) -> None:
        status, out, _ = run(capsys, "check", "--claim", "8", str(contradicted))
        assert status == EXIT_CLAIM_UNSUPPORTED
        assert "not supported, the facts give rung 6 (co-creativity)" in out
        assert out.count("  ! development:") == 2


class TestResearch:
    """`peerprod evaluate` and `peerprod agreement` on the evaluation set and on folders."""

    def test_evaluate_the_built_in_set(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "evaluate", "--brief")
        assert (status, err) == (EXIT_OK, "")
        assert out.startswith("a: 46 readings\n  rung exact ")
        assert "\nb: 46 readings\n" in out
        assert "misses" not in out

    def test_evaluate_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        [b] = run_json(capsys, "evaluate", "b", "--json")
        assert b["source"] == "b"
        assert len(b["placements"]) == 46
        assert 0.85 <= b["rung_accuracy"] <= 1

    def test_evaluate_a_folder(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        (tmp_path / "lego.toml").write_text(cases.text("lego"), encoding="utf-8")
        (tmp_path / "expected.toml").write_text(
            '[[expected]]\ncase = "lego"\narrangement = "lugnet"\nrung = 8\n'
            'model = "commons_centred"\nwhy = "a commons its fans govern"\n',
            encoding="utf-8",
        )
        status, out, _ = run(capsys, "evaluate", str(tmp_path))
        assert status == EXIT_OK
        assert "1 readings" in out
        assert "rung exact 100%" in out

    def test_bad_readings_are_located(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        (tmp_path / "expected.toml").write_text(
            '[[expected]]\ncase = "lego"\narrangement = "lugnet"\nrung = 11\n'
            'model = "commons_centred"\n',
            encoding="utf-8",
        )
        status, out, err = run(capsys, "evaluate", str(tmp_path))
        assert (status, out) == (EXIT_INVALID, "")
        assert "expected.toml: expected[0].rung: expected a rung's number 1 to 10" in err

    def test_agreement_of_the_built_in_coders(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "agreement")
        assert status == EXIT_OK
        assert out.startswith("a and b: 460 units, 460 coded by both\nalpha 0.8")

    def test_agreement_needs_two(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "agreement", "a")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "give two coders or folders, or none; got 1")

    def test_agreement_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "agreement", "a", "b", "--json")
        assert (data["coder_a"], data["coder_b"]) == ("a", "b")
        assert 0.8 <= data["alpha"]["alpha"] <= 1
        assert [q["question"] for q in data["questions"]][:2] == ["community", "competition"]

    def test_agreement_of_a_coding_with_itself(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "agreement", "a", "a")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "give two different codings")


class TestCheck:
    """`peerprod check` sets a claimed rung against the facts."""

    def test_claim_that_fails(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(
            capsys, "check", "--claim", "co-creativity", "--arrangement", "lego-factory", "lego"
        )
        assert status == EXIT_CLAIM_UNSUPPORTED
        assert out.startswith(
            "lego-factory: claimed rung 6 (co-creativity): not supported, the facts give rung 4"
        )
        assert "not met: joint_design is true: false (stated), which rung 6 requires" in out

    def test_every_arrangement_by_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "check", "--claim", "7", "lego", "--json")
        assert (status, err) == (EXIT_CLAIM_UNSUPPORTED, "")
        data = json.loads(out)
        assert [(c["arrangement"], c["check"]["holds"], c["check"]["gap"]) for c in data] == [
            ("lego-classic", False, 6),
            ("lego-factory", False, 3),
            ("lego-world", True, 0),
            ("lugnet", True, -1),
        ]
        assert data[2]["check"]["shortfalls"] == []
        assert data[1]["check"]["claimed"] == 7
        assert data[1]["check"]["supported"] == 4

    def test_claim_that_holds(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "check", "--claim", "peer production", "linux")
        assert status == EXIT_OK
        assert out.rstrip().endswith("supported, the facts give rung 8 (peer production) or higher")

    @pytest.mark.parametrize("claim", ["0", "11", "co-creation", ""])
    def test_unknown_rung_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], claim: str
    ) -> None:
        status, out, err = run(capsys, "check", "--claim", claim, "lego")
        assert (status, out) == (EXIT_USAGE, "")
        assert "is not a rung" in err
        assert "10 (outside the monetary economy)" in err

    def test_unknown_arrangement(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "check", "--claim", "8", "--arrangement", "nope", "lego")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "'nope'", "lego-world")

    def test_no_arrangements(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "check", "--claim", "8", "eclipse")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "no arrangements")

    def test_claim_is_required(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "check", "lego")
        assert status == EXIT_USAGE
        assert "--claim" in err


class TestLicense:
    """`peerprod license` classifies an SPDX expression, quoted or not."""

    def test_unquoted_expression(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "license", "MIT", "OR", "Apache-2.0")
        assert (status, err) == (EXIT_OK, "")
        fields = dict(line.split(None, 1) for line in out.splitlines()[:3])
        assert fields == {
            "expression": "MIT OR Apache-2.0",
            "kind": "commons",
            "reciprocity": "none",
        }
        assert "  - verdict: commons without reciprocity, decided by MIT" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(capsys, "license", "GPL-2.0-only WITH Classpath-exception-2.0")
        verdict = data["license"]
        assert (verdict["kind"], verdict["reciprocity"], verdict["definite"]) == (
            "commons",
            "weak",
            True,
        )
        assert "contribution_terms" not in data

    def test_contribution_terms(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = run_json(
            capsys, "license", "GPL-3.0-only", "--terms", "cla_company", "--holder", "business"
        )
        terms = data["contribution_terms"]
        assert (terms["kind"], terms["corporate_commons"]) == ("commons", True)
        status, out, _ = run(capsys, "license", "BUSL-1.1", "--terms", "cla_company")
        assert status == EXIT_OK
        fields = dict(line.rsplit("  ", 1) for line in out.splitlines() if "  " in line[:20])
        assert fields["kind with terms".ljust(18)].strip() == "sharecropping"

    def test_contradictory_holder(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(
            capsys, "license", "MIT", "--terms", "cla_company", "--holder", "foundation"
        )
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "holder_kind")

    def test_syntax_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "license", "MIT / Apache-2.0")
        assert (status, out) == (EXIT_INVALID, "")
        assert_one_clean_error(err, "unexpected character '/' at position 4")

    def test_unknown_id_shows_the_range_and_fails(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "license", "GPL-2.0-onyl")
        assert status == EXIT_INVALID
        assert out.splitlines()[1].split(None, 1) == [
            "kind",
            "between corporate and commons (not settled)",
        ]
        assert_one_clean_error(err, "did you mean 'GPL-2.0-only'")

    def test_unknown_id_leaves_part_of_the_answer_open(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, out, err = run(capsys, "license", "GPL-2.0-only OR Mystery-1.0")
        assert status == EXIT_INVALID
        lines = out.splitlines()
        assert lines[1].split() == ["kind", "commons"]
        assert lines[2].split(None, 1) == ["reciprocity", "between none and strong (not settled)"]
        assert "unknown license id  Mystery-1.0 at position 16" in out
        assert_one_clean_error(err, "'Mystery-1.0'")

    def test_bad_terms_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "license", "MIT", "--terms", "nda")
        assert status == EXIT_USAGE
        assert "invalid choice: 'nda'" in err


GRAPH_SUFFIXES = {
    "graphml": ".graphml",
    "gexf": ".gexf",
    "json": ".json",
    "cytoscape": ".cyjs",
    "dot": ".dot",
    "mermaid": ".mmd",
    "svg": ".svg",
    "png": ".png",
}
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


class TestGraph:
    """`peerprod graph` writes every format, by --format or by the suffix of -o."""

    @pytest.mark.parametrize(
        "fmt",
        [
            *(f for f in GRAPH_SUFFIXES if f not in ("svg", "png")),
            pytest.param("svg", marks=needs_dot),
            pytest.param("png", marks=needs_dot),
        ],
    )
    def test_each_format(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
    ) -> None:
        by_flag = tmp_path / f"flag{GRAPH_SUFFIXES[fmt]}"
        by_suffix = tmp_path / f"suffix{GRAPH_SUFFIXES[fmt]}"
        status, out, _ = run(capsys, "graph", "lego", "--format", fmt, "-o", str(by_flag))
        assert (status, out) == (
            EXIT_OK,
            f"wrote {by_flag} ({fmt.replace('json', 'node-link')}, from lego)\n",
        )
        assert run(capsys, "graph", "lego", "-o", str(by_suffix))[0] == EXIT_OK
        assert by_flag.read_bytes() == by_suffix.read_bytes()
        if fmt in ("graphml", "gexf", "json", "cytoscape"):
            assert graph_io.read(by_flag) == cases.load("lego")

    def test_offers_every_format_the_library_writes(self) -> None:
        from peerprod.cli._graph import GRAPH_FORMATS

        offered = {graph_io.format_named(f).name for f in GRAPH_FORMATS}
        assert offered == set(graph_io.FORMATS)

    def test_format_overrides_the_suffix(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        out_file = tmp_path / "lego.txt"
        assert run(capsys, "graph", "lego", "-f", "mermaid", "-o", str(out_file))[0] == EXIT_OK
        assert out_file.read_text(encoding="utf-8") == graph_io.dumps_mermaid(cases.load("lego"))

    @pytest.mark.parametrize("output", [None, "-"])
    def test_standard_output(self, capsys: pytest.CaptureFixture[str], output: str | None) -> None:
        argv = ["graph", "ikea", "--format", "dot"]
        if output is not None:
            argv += ["-o", output]
        status, out, _ = run(capsys, *argv)
        assert status == EXIT_OK
        assert out == graph_io.dumps_dot(cases.load("ikea"))

    def test_no_binary_picture_on_a_terminal(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        status, _, err = run(capsys, "graph", "lego", "--format", "png")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "write it to a file with -o")

    def test_no_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "graph", "lego")
        assert (status, out) == (EXIT_USAGE, "")
        assert "give --format" in err

    def test_unknown_suffix(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        status, _, err = run(capsys, "graph", "lego", "-o", str(tmp_path / "lego.xyz"))
        assert status == EXIT_USAGE
        assert "cannot tell the format" in err

    def test_unknown_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "graph", "lego", "--format", "pdf")
        assert status == EXIT_USAGE
        assert "invalid choice: 'pdf'" in err

    def test_without_graphviz(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("PATH", str(tmp_path))
        status, _, err = run(capsys, "graph", "lego", "-o", str(tmp_path / "lego.svg"))
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "Graphviz", "apt-get install graphviz")

    def test_unwritable_output(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        target = tmp_path / "missing" / "lego.graphml"
        status, _, err = run(capsys, "graph", "lego", "-o", str(target))
        assert status == EXIT_INVALID
        assert_one_clean_error(err, f"{target}: cannot write the file")

    def test_invalid_input(self, capsys: pytest.CaptureFixture[str], bad_file: Path) -> None:
        status, _, err = run(capsys, "graph", str(bad_file), "-f", "dot")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "actors[0].kind")


class TestValidate:
    """`peerprod validate` reports each input, with every problem located."""

    def test_valid(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "linux.json"
        serialization.write(cases.load("linux"), path)
        status, out, err = run(capsys, "validate", str(path))
        assert (status, err) == (EXIT_OK, "")
        linux = cases.load("linux")
        assert out.startswith(f"{path}: valid: ecosystem 'linux' with {len(linux)} entities (")
        assert f"{len(linux.actors)} actors, 1 platform, 1 commons, 1 coalition" in out
        assert f"{len(linux.funding)} funding streams" in out

    def test_each_input_is_reported(
        self, capsys: pytest.CaptureFixture[str], bad_file: Path
    ) -> None:
        status, out, err = run(capsys, "validate", str(bad_file), "ikea")
        assert status == EXIT_INVALID
        assert out.startswith("ikea: valid")
        assert_one_clean_error(
            err,
            f"invalid peerprod document in {bad_file} (1 problem):",
            f"  {bad_file}: actors[0].kind: 'corp' is not one of 'community'",
        )

    def test_dangling_reference(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "dangling.toml"
        path.write_text(
            'format = 1\nid = "d"\nname = "D"\n\n[[platforms]]\nid = "p"\nname = "P"\n'
            'initiators = ["ghost"]\noperator = "ghost"\n',
            encoding="utf-8",
        )
        status, _, err = run(capsys, "validate", str(path))
        assert status == EXIT_INVALID
        assert_one_clean_error(
            err,
            "platforms[0].initiators[0]: 'ghost' is not the id of any actor",
            "platforms[0].operator: 'ghost' is not the id of any actor",
        )

    def test_syntax_error_names_line_and_column(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "broken.toml"
        path.write_text('format = 1\nid = "x\n', encoding="utf-8")
        status, _, err = run(capsys, "validate", str(path))
        assert status == EXIT_INVALID
        assert_one_clean_error(err, f"{path}: line 2, column 8")

    def test_needs_an_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "validate")[0] == EXIT_USAGE


class TestMain:
    """Help, version, usage errors and the process-level edge cases."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        from peerprod import __version__

        assert run(capsys, "--version") == (EXIT_OK, f"peerprod {__version__}\n", "")

    @pytest.mark.parametrize(
        "argv",
        [
            ["--help"],
            ["classify", "--help"],
            ["check", "--help"],
            ["graph", "-h"],
            ["license", "--help"],
        ],
    )
    def test_help_documents_exit_status(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        status, out, _ = run(capsys, *argv)
        assert status == EXIT_OK
        assert out.startswith(f"usage: peerprod {argv[0] if len(argv) > 1 else ''}".rstrip())
        assert "exit status" in out
        assert "1  invalid input" in out
        assert "70  internal error" in out
        assert ("3  check: the facts do not support the claim" in out) == (
            argv in (["--help"], ["check", "--help"])
        )

    @pytest.mark.parametrize("argv", [[], ["frobnicate"], ["classify", "--colour"]])
    def test_usage_errors(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        status, out, err = run(capsys, *argv)
        assert (status, out) == (EXIT_USAGE, "")
        assert err.startswith("usage: peerprod")
        assert "error:" in err

    def test_reads_sys_argv(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "argv", ["peerprod", "cases", "--json"])
        assert main() == EXIT_OK
        assert json.loads(capsys.readouterr().out)[0]["case"] == cases.names()[0]

    def test_closed_pipe_is_quiet(self, monkeypatch: pytest.MonkeyPatch) -> None:
        class ClosedPipe(io.StringIO):
            def write(self, _text: str) -> int:
                raise BrokenPipeError

        monkeypatch.setattr(sys, "stdout", ClosedPipe())
        assert main(["cases"]) == EXIT_OK

    def test_interrupt(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def interrupted(*_args: object, **_kwargs: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr("peerprod.analysis.report.analyse", interrupted)
        assert main(["classify", "lego"]) == 130
        assert "Traceback" not in capsys.readouterr().err


HOSTILE_NAME = "Evil \x1b[31mred\x1b[0m \u202egnp.exe\x9b2J"
"""Valid text a terminal would obey: escapes, a bidi override, a C1 control."""


def _lego_named(tmp_path: Path, name: str) -> Path:
    data = json.loads(serialization.dumps_json(cases.load("lego")))
    data["name"] = name
    data["actors"][0]["name"] = name
    path = tmp_path / "hostile.json"
    # json.dumps escapes what is not printable, so the file itself is valid UTF-8.
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """A valid document whose names hold terminal escapes and a bidi override."""
    return _lego_named(tmp_path, HOSTILE_NAME)


def _strings(data: Any) -> set[str]:
    """Every string value anywhere in plain data."""
    if isinstance(data, str):
        return {data}
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return set().union(*(_strings(value) for value in values))


class TestHostileText:
    """Text from documents never reaches the terminal raw, and never breaks the output."""

    def test_escape(self) -> None:
        from peerprod.cli._output import escape

        assert escape(HOSTILE_NAME + " \ud800") == (
            "Evil \\x1b[31mred\\x1b[0m \\u202egnp.exe\\x9b2J \\ud800"
        )
        assert escape("tab\there\n") == "tab\\there\\n"
        assert escape("Café, 東京 and emoji 🙂") == "Café, 東京 and emoji 🙂"

    @pytest.mark.parametrize(
        "argv",
        [["classify"], ["classify", "--brief"], ["validate"], ["check", "--claim", "1"]],
        ids=" ".join,
    )
    def test_text_output_is_escaped(
        self, capsys: pytest.CaptureFixture[str], hostile_file: Path, argv: list[str]
    ) -> None:
        status, out, err = run(capsys, *argv, str(hostile_file))
        assert (status, err) == (EXIT_OK, "")
        for raw in ("\x1b", "\u202e", "\x9b", "\ud800"):
            assert raw not in out
        if argv[0] == "classify":
            assert "Evil \\x1b[31mred\\x1b[0m \\u202egnp.exe\\x9b2J" in out

    def test_a_lone_surrogate_is_refused_where_it_is(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = _lego_named(tmp_path, "Evil \ud800")
        status, out, err = run(capsys, "classify", str(path))
        assert (status, out) == (EXIT_INVALID, "")
        assert "\ud800" not in err
        assert_one_clean_error(err, "name: '\\ud800' at character 5 is not valid Unicode")

    @pytest.mark.parametrize(
        "argv", [["classify", "--json"], ["graph", "-f", "json"], ["graph", "-f", "cytoscape"]]
    )
    def test_json_output_is_escaped_and_loses_nothing(
        self, capsys: pytest.CaptureFixture[str], hostile_file: Path, argv: list[str]
    ) -> None:
        status, out, err = run(capsys, *argv, str(hostile_file))
        assert (status, err) == (EXIT_OK, "")
        assert not any(c in out for c in "\x1b\u202e\x9b\ud800")
        assert HOSTILE_NAME in _strings(json.loads(out))

    @pytest.mark.parametrize("fmt", ["graphml", "gexf", "dot", "mermaid"])
    def test_graph_text_is_escaped(
        self, capsys: pytest.CaptureFixture[str], hostile_file: Path, fmt: str
    ) -> None:
        status, out, err = run(capsys, "graph", str(hostile_file), "-f", fmt)
        assert (status, err) == (EXIT_OK, "")
        assert not any(c in out for c in "\x1b\u202e\x9b\ud800")

    def test_errors_are_escaped(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "bad\x1b[2J.toml"
        status, _, err = run(capsys, "validate", str(path))
        assert status == EXIT_INVALID
        assert "\x1b" not in err
        assert_one_clean_error(err, "bad\\x1b[2J.toml")


class BrokenStream(io.StringIO):
    """A standard stream whose writes fail like a full disk or a closed descriptor."""

    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, _text: str) -> int:
        raise self.error


class TestStreams:
    """Closed, full and broken standard streams give one line and a status, no traceback."""

    def test_closed_standard_output(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "stdout", None)
        assert main(["cases"]) == EXIT_INVALID
        assert_one_clean_error(capsys.readouterr().err, "standard output is closed")

    def test_full_standard_output(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "stdout", BrokenStream(OSError(28, "No space left on device")))
        assert main(["classify", "lego"]) == EXIT_INVALID
        assert_one_clean_error(
            capsys.readouterr().err, "cannot write to standard output: No space left on device"
        )

    def test_closed_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "stdin", None)
        status, out, err = run(capsys, "validate", "-")
        assert (status, out) == (EXIT_INVALID, "")
        assert_one_clean_error(err, "<stdin>: cannot read standard input: it is closed")

    def test_standard_input_not_utf8(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        stdin = io.TextIOWrapper(io.BytesIO(b'format = 1\nid = "x"\nname = "Caf\xe9"\n'))
        monkeypatch.setattr(sys, "stdin", stdin)
        status, _, err = run(capsys, "validate", "-")
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "<stdin>: not UTF-8 text")

    def test_closed_standard_error(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "stderr", None)
        assert main(["validate", "nope"]) == EXIT_INVALID
        assert main(["classify", "--colour"]) == EXIT_USAGE

    def test_internal_error_is_one_line(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken(*_args: object, **_kwargs: object) -> None:
            raise TypeError("unhashable type: 'list'\nsecond line")

        monkeypatch.setattr("peerprod.analysis.report.analyse", broken)
        status, out, err = run(capsys, "classify", "lego")
        assert (status, out) == (EXIT_INTERNAL, "")
        assert err.count("\n") == 1
        assert_one_clean_error(
            err, "internal error (TypeError: unhashable type: 'list')", "bug", "report"
        )

    def test_exception_groups_are_internal_errors_too(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken(*_args: object, **_kwargs: object) -> None:
            raise ExceptionGroup("while structuring", [OverflowError("int too large")])

        monkeypatch.setattr("peerprod.analysis.report.analyse", broken)
        status, _, err = run(capsys, "classify", "lego")
        assert status == EXIT_INTERNAL
        assert_one_clean_error(err, "ExceptionGroup")


class TestAtomicOutput:
    """``-o`` replaces a file only with complete content; a failure leaves it as it was."""

    def test_failed_render_keeps_the_old_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "lego.svg"
        target.write_text("old picture", encoding="utf-8")
        monkeypatch.setenv("PATH", str(tmp_path))
        status, _, err = run(capsys, "graph", "lego", "-o", str(target))
        assert status == EXIT_INVALID
        assert_one_clean_error(err, "Graphviz")
        assert target.read_text(encoding="utf-8") == "old picture"

    def test_text_that_cannot_be_encoded_keeps_the_old_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "lego.mmd"
        target.write_text("old flowchart", encoding="utf-8")
        monkeypatch.setattr(graph_io, "dumps", lambda *_args, **_kwargs: "flowchart \ud800")
        status, _, err = run(capsys, "graph", "lego", "-o", str(target))
        assert status == EXIT_INVALID
        assert_one_clean_error(err, f"{target}: cannot write the file", "not valid Unicode")
        assert target.read_text(encoding="utf-8") == "old flowchart"
        assert [p.name for p in tmp_path.iterdir()] == ["lego.mmd"]

    def test_goes_through_atomic_write(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        written: list[Path] = []
        monkeypatch.setattr(
            "peerprod._convert.atomic_write", lambda path, _data: written.append(path)
        )
        for suffix in (".graphml", ".gexf", ".json", ".cyjs", ".dot", ".mmd"):
            assert run(capsys, "graph", "lego", "-o", str(tmp_path / f"x{suffix}"))[0] == EXIT_OK
        assert len(written) == 6
        assert list(tmp_path.iterdir()) == []


# --- fuzzing, small and seeded -------------------------------------------------------------

_FUZZ_DIR = Path(__file__).parent / "fuzz"
_WORDS = ["cases", "classify", "check", "license", "graph", "validate", "--json", "--brief"]
_WORDS += ["--claim", "--arrangement", "--terms", "-f", "-o", "-", "lego", "ikea", "8", "MIT"]
_WORDS += ["dot", "x.toml", "x.graphml", "--help", "--version", "\x1b[31m", "\u202e", "\ud800"]


def _fuzz_module(name: str) -> Any:
    """A module of tests/fuzz, loaded by path: tests is not a package on sys.path."""
    spec = importlib.util.spec_from_file_location(f"peerprod_fuzz_{name}", _FUZZ_DIR / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _promise_kept(status: int, out: str, err: str) -> None:
    assert status in (EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_CLAIM_UNSUPPORTED), err
    assert "Traceback" not in err
    for text in (out, err):
        assert not any(c in text for c in "\x1b\u202e\x9b\ud800"), text


class TestFuzz:
    """Any command line, any standard input: a status, at most one message, no traceback."""

    @given(
        argv=st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=6),
        stdin=st.binary(max_size=200),
    )
    @settings(max_examples=100, derandomize=True, deadline=None)
    def test_any_arguments(self, argv: list[str], stdin: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder, _in_folder(Path(folder)):
            out, err = io.StringIO(), io.StringIO()
            saved = sys.stdin, sys.stdout, sys.stderr
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
            sys.stdout, sys.stderr = out, err
            try:
                status = main(argv)
            finally:
                sys.stdin, sys.stdout, sys.stderr = saved
        _promise_kept(status, out.getvalue(), err.getvalue())

    @given(document=st.text(max_size=300), command=st.sampled_from(["validate", "classify"]))
    @settings(max_examples=100, derandomize=True, deadline=None)
    def test_any_document_on_stdin(self, document: str, command: str) -> None:
        out, err = io.StringIO(), io.StringIO()
        saved = sys.stdin, sys.stdout, sys.stderr
        sys.stdin = io.TextIOWrapper(io.BytesIO(document.encode("utf-8", "surrogatepass")))
        sys.stdout, sys.stderr = out, err
        try:
            status = main([command, "-"])
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
        _promise_kept(status, out.getvalue(), err.getvalue())

    def test_a_seeded_sample_of_the_fuzz_targets(self) -> None:
        # The same targets nox -s fuzz runs 10,000 times each, a few dozen times here.
        harness = _fuzz_module("run")
        targets = _fuzz_module("targets_cli")
        watchdog = harness._Watchdog(grace=60)
        for target in targets.TARGETS:
            tally = harness.run_target(
                target,
                seed="pytest",
                start=0,
                inputs=40,
                timeout=30,
                memory_kib=1 << 20,
                baseline_kib=harness._peak_kib(),
                watchdog=watchdog,
            )
            assert tally.inputs == 40
            assert tally.findings == [], target[0]


@contextlib.contextmanager
def _in_folder(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


# --- end to end, as installed --------------------------------------------------------------


def console_script() -> str:
    """The installed ``peerprod`` command, beside this interpreter or on PATH."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("peerprod", path=search)
    assert found is not None, "the peerprod console script is not installed"
    return found


def shell(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


class TestInstalled:
    """The console script and ``python -m peerprod`` work as a user runs them."""

    def test_console_script_classifies_every_case(self) -> None:
        done = shell(console_script(), "classify", "--json")
        assert (done.returncode, done.stderr) == (0, "")
        assert [r["source"] for r in json.loads(done.stdout)] == list(cases.names())

    def test_module_runs_the_same_command(self) -> None:
        done = shell(sys.executable, "-m", "peerprod", "classify", "lego", "--brief")
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.startswith("lego: The Lego family\n")
        assert shell(console_script(), "classify", "lego", "--brief").stdout == done.stdout

    def test_module_help_names_the_program(self) -> None:
        done = shell(sys.executable, "-m", "peerprod", "--help")
        assert done.returncode == 0
        assert done.stdout.startswith("usage: peerprod ")

    def test_invalid_input_exits_1_without_traceback(self, bad_file: Path) -> None:
        done = shell(console_script(), "validate", str(bad_file))
        assert done.returncode == EXIT_INVALID
        assert done.stdout == ""
        assert_one_clean_error(done.stderr, "actors[0].kind")

    def test_usage_error_exits_2(self) -> None:
        done = shell(console_script(), "classify", "--no-such-option")
        assert done.returncode == EXIT_USAGE
        assert "Traceback" not in done.stderr

    def test_reads_standard_input(self) -> None:
        done = shell(console_script(), "validate", "-", stdin=cases.text("os-alliance"))
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.startswith("<stdin>: valid: ecosystem 'os-alliance'")

    @needs_dot
    @pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml")])
    def test_pictures_to_standard_output(self, fmt: str, magic: bytes) -> None:
        done = subprocess.run(
            [console_script(), "graph", "ikea", "--format", fmt],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, b"")
        assert done.stdout.startswith(magic)

    @pytest.mark.parametrize(
        ("command", "status", "message"),
        [
            ("{peerprod} validate - <&-", EXIT_INVALID, "standard input: it is closed"),
            ("{peerprod} cases >&-", EXIT_INVALID, "standard output is closed"),
            ("{peerprod} cases > /dev/full", EXIT_INVALID, "No space left on device"),
            ("{peerprod} classify --json > /dev/full", EXIT_INVALID, "No space left on device"),
            ("{peerprod} cases | head -1 > /dev/null", EXIT_OK, ""),
            ("{peerprod} classify | head -c 10 > /dev/null", EXIT_OK, ""),
            ("{peerprod} validate nope 2>&-", EXIT_INVALID, ""),
        ],
    )
    def test_streams_closed_full_or_broken(self, command: str, status: int, message: str) -> None:
        if "/dev/full" in command and not Path("/dev/full").exists():
            pytest.skip("no /dev/full here")
        script = f"set -o pipefail; {command.format(peerprod=console_script())}"
        done = shell("bash", "-c", script)
        assert done.returncode == status
        assert "Traceback" not in done.stderr
        assert "Exception ignored" not in done.stderr
        if message:
            assert_one_clean_error(done.stderr, message)
        else:
            assert done.stderr == ""

    def test_check_gates_a_pipeline(self) -> None:
        done = shell(console_script(), "check", "--claim", "co-design", "ikea")
        assert done.returncode == EXIT_CLAIM_UNSUPPORTED
        assert done.stdout.startswith("ikea-assembly: claimed rung 5 (co-design)")
        assert shell(console_script(), "check", "--claim", "2", "ikea").returncode == EXIT_OK

    def test_hostile_names_on_a_real_stdout(self, hostile_file: Path) -> None:
        for argv in (["classify"], ["classify", "--json"], ["graph", "-f", "dot"]):
            done = subprocess.run(
                [console_script(), *argv, str(hostile_file)],
                capture_output=True,
                timeout=120,
                check=False,
            )
            assert (done.returncode, done.stderr) == (0, b""), argv
            assert b"\x1b" not in done.stdout
            done.stdout.decode("utf-8")  # valid UTF-8

    def test_classifying_the_built_in_cases_parses_nothing(self) -> None:
        # The cases ship built: no document loader, no TOML parser, no cattrs at start.
        code = (
            "import sys, io, contextlib\n"
            "from peerprod.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['classify'])\n"
            "heavy = ('cattrs', 'tomllib', 'networkx')\n"
            "print('heavy:', [m for m in heavy if m in sys.modules], file=sys.stderr)\n"
        )
        done = shell(sys.executable, "-c", code)
        assert done.returncode == 0
        assert done.stderr.strip() == "heavy: []"

    def test_help_does_not_import_the_heavy_libraries(self) -> None:
        code = (
            "import sys\n"
            "from peerprod.cli import main\n"
            "main(['--help'])\n"
            "heavy = ('cattrs', 'networkx', 'license_expression')\n"
            "print('heavy:', [m for m in heavy if m in sys.modules], file=sys.stderr)\n"
        )
        done = shell(sys.executable, "-c", code)
        assert done.returncode == 0
        assert done.stderr.strip() == "heavy: []"
