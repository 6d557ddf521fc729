"""Tests for peerprod.graphs: the layout, its inverse, the attribute table, and the analyses
that moved to peerprod.analysis (with their deprecated names in peerprod.graphs)."""

from __future__ import annotations

import json
import typing
from decimal import Decimal
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given

from peerprod import (
    Actor,
    ActorKind,
    Arrangement,
    Captor,
    Channel,
    Coalition,
    Commons,
    Contribution,
    ContributionTerms,
    Control,
    DesignQualities,
    Ecosystem,
    FundingChannel,
    FundingStream,
    Layer,
    License,
    LicenseKind,
    Membership,
    Monetization,
    PartnerState,
    Period,
    Platform,
    PublicRole,
    Reciprocity,
    Resource,
    Scale,
    Source,
    cases,
)
from peerprod import graphs as graphs_package
from peerprod.analysis import (
    DERIVED_ATTRIBUTES,
    Destination,
    analyse,
    flow_totals,
    platform_control,
    value_flows,
)
from peerprod.classify.coalitions import CoalitionVerdict
from peerprod.errors import InvalidGraph, InvalidValue, PeerprodError, ProblemsError
from peerprod.graphs.convert import from_graph, to_graph
from peerprod.graphs.layout import (
    ACTOR_LAYERS,
    ATTRIBUTES,
    EDGE_TYPES,
    ENTITY_NAMES,
    GRAPH_FORMAT,
    JSON_SUFFIX,
    edge_type,
    layer_of,
)
from peerprod.model.references import REFERENCES, SECTIONS
from peerprod.strategies import ecosystems


def deprecated(name: str) -> Any:
    """A name that left peerprod.graphs, looked up the old way (which warns)."""
    with pytest.warns(DeprecationWarning, match=f"peerprod.graphs.{name} is deprecated"):
        return getattr(graphs_package, name)


def full_ecosystem(**changes: Any) -> Ecosystem:
    """One of every entity, every reference filled, and the awkward values flattening must keep."""
    fields: dict[str, Any] = {
        "id": "full",
        "name": "Full",
        "description": "Line one\nline two, with a tab\tand a quote \"'",
        "sources": [
            Source(
                title="Bauwens, FCJ-097", url="https://fibreculturejournal.org/fcj-097/",
                date="2009", supports=("actors",),
            ),
            "A title, with a comma and no date",
        ],
        "actors": [
            Actor(id="devs", kind=ActorKind.COMMUNITY, name="Developers"),
            Actor(id="ada", kind=ActorKind.INDIVIDUAL, name="Ada"),
            Actor(id="fdn", kind=ActorKind.FOUNDATION, name="Foundation", url="https://f.org"),
            Actor(id="big", kind=ActorKind.BUSINESS, name="Big Co"),
            Actor(id="small", kind=ActorKind.BUSINESS, name="Small Co"),
            Actor(id="city", kind=ActorKind.PUBLIC_AUTHORITY, name="City"),
        ],
        "platforms": [
            Platform(
                id="forge", name="Forge", initiators=["devs", "ada"], operator="fdn", owner="big"
            ),
        ],
        "commons": [
            Commons(
                id="code",
                name="Code",
                resources={Resource.SOFTWARE, Resource.DATA},
                license=License(
                    expression="GPL-3.0-only", kind=LicenseKind.COMMONS,
                    reciprocity=Reciprocity.STRONG,
                ),
                contribution_terms=ContributionTerms.CLA_FOUNDATION,
                terms_holder="fdn",
                platform="forge",
                community=["ada", "devs"],
                design=DesignQualities(),
            ),
        ],
        "coalitions": [
            Coalition(
                id="board", name="Board", body="Board of directors", foundation="fdn",
                commons=["code"],
                members=[
                    Membership(actor="small", weight=1, tier="gold"),
                    Membership(actor="big", weight=2.5),
                ],
            ),
        ],
        "funding": [
            FundingStream(
                id="dues", source="big", recipient="devs",
                channel=FundingChannel.THROUGH_FOUNDATION, via="fdn", amount="1000.50",
                currency="EUR", period=Period.YEAR,
            ),
            FundingStream(
                id="grant", source="city", recipient="code", channel=FundingChannel.PUBLIC,
                amount=200, currency="EUR", period=Period.YEAR,
            ),
            FundingStream(
                id="gift", source="ada", recipient="forge", channel=FundingChannel.DONATIONS
            ),
        ],
        "partner_states": [
            PartnerState(
                id="city-plan", authority="city", scale=Scale.CITY,
                roles={PublicRole.FUNDER, PublicRole.ORCHESTRATOR}, engages=["board", "code"],
            ),
        ],
        "arrangements": [
            Arrangement(
                id="dev", name="Development", contributions={Contribution.CODE},
                community=True, competition=False,
                monetization={Monetization(channel=Channel.SERVICES, by=Captor.ANYONE)},
                parameters=Control.PARTICIPANTS, design=Control.PARTICIPANTS,
                joint_design=False, platform_control=Control.SHARED,
                value_chain_control=Control.SHARED, output_regime=LicenseKind.COMMONS,
                organizer="fdn", participants="devs", platform="forge", commons="code",
                sources=[Source(title="Governance page", date="2024-05", supports=("design",))],
            ),
        ],
    }  # fmt: skip
    fields.update(changes)
    return Ecosystem(**fields)


def problems_of(graph: Any) -> list[str]:
    with pytest.raises(InvalidGraph) as info:
        from_graph(graph)
    return [str(p) for p in info.value.problems]


class TestRoundTrip:
    """from_graph(to_graph(e)) == e for every ecosystem."""

    @pytest.mark.parametrize("name", cases.names())
    def test_cases(self, name: str) -> None:
        eco = cases.load(name)
        assert from_graph(to_graph(eco)) == eco

    def test_every_reference_and_awkward_value(self) -> None:
        eco = full_ecosystem()
        assert from_graph(to_graph(eco)) == eco

    def test_empty_ecosystem(self) -> None:
        eco = Ecosystem(id="e", name="E")
        graph = to_graph(eco)
        assert len(graph) == 0
        assert from_graph(graph) == eco

    @given(ecosystems())
    def test_generated(self, eco: Ecosystem) -> None:
        assert from_graph(to_graph(eco)) == eco

    @given(ecosystems())
    def test_attributes_are_what_the_converter_gives(self, eco: Ecosystem) -> None:
        # to_graph follows plans made from the fields; the converter is the reference.
        from peerprod.graphs._flat import CONVERTER, flatten

        graph = to_graph(eco)
        expected_graph: dict[str, Any] = {"peerprod": GRAPH_FORMAT}
        empty: dict[str, Any] = {s.name: () for s in SECTIONS}
        shell = attrs.evolve(eco, **empty)
        flatten(CONVERTER.unstructure(shell, Ecosystem), expected_graph)
        assert graph.graph == expected_graph
        for s in SECTIONS:
            references = {r.field for r in REFERENCES if r.owner == s.name}
            for entity in getattr(eco, s.name):
                data = CONVERTER.unstructure(entity, s.cls)
                expected: dict[str, Any] = {}
                flatten({k: v for k, v in data.items() if k not in {"id", *references}}, expected)
                node = dict(graph.nodes[entity.id])
                assert node.pop("entity") == s.entity
                node.pop("layer", None)
                assert node == expected

    @given(ecosystems())
    def test_deterministic(self, eco: Ecosystem) -> None:
        first, second = to_graph(eco), to_graph(eco)
        assert list(first.nodes(data=True)) == list(second.nodes(data=True))
        assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
        assert first.graph == second.graph


class TestLayout:
    """Node keys are ids; kinds and layers are attributes; references are typed edges."""

    def test_nodes_are_ids_in_document_order(self) -> None:
        eco = full_ecosystem()
        assert list(to_graph(eco)) == [entity.id for entity in eco]

    def test_node_attributes(self) -> None:
        graph = to_graph(full_ecosystem())
        assert graph.nodes["big"] == {
            "entity": "actor", "layer": 3, "kind": "business", "name": "Big Co",
        }  # fmt: skip
        code = graph.nodes["code"]
        assert code["entity"] == "commons"
        assert code["layer"] == Layer.COMMONS
        assert code["license.kind"] == "commons"
        assert code["license.reciprocity"] == "strong"
        assert json.loads(code["resources" + JSON_SUFFIX]) == ["data", "software"]
        # A nested table with every value at its default is still told apart from None.
        assert code["design" + JSON_SUFFIX] == "{}"
        assert "community" not in code
        assert "platform" not in code
        assert "layer" not in graph.nodes["dev"]

    def test_classifier_results(self) -> None:
        eco = full_ecosystem()
        graph = to_graph(eco, report=analyse(eco))
        assert graph.graph["structure"] == "quaternary"
        assert 0 < graph.graph["control_index"] <= 1
        assert graph.nodes["dev"]["rung"] == 8
        assert graph.nodes["dev"]["model"] == "commons_centred"
        assert graph.nodes["board"]["verdict"] == "dominated"
        assert graph.nodes["board"]["elephant_factor"] == 1
        plain = to_graph(eco)
        assert "rung" not in plain.nodes["dev"]
        assert "hhi" not in plain.nodes["board"]
        assert "structure" not in plain.graph
        assert from_graph(plain) == eco
        assert from_graph(graph) == eco

    def test_the_report_gives_every_derived_value(self) -> None:
        eco = full_ecosystem()
        report = analyse(eco)
        graph = to_graph(eco, report=report)
        for entity_id, values in report.attributes().items():
            data = graph.graph if entity_id is None else graph.nodes[entity_id]
            assert values.items() <= data.items()

    def test_verdicts_keyword_is_deprecated(self) -> None:
        eco = full_ecosystem()
        with pytest.warns(DeprecationWarning, match="pass report="):
            graph = to_graph(eco, verdicts=True)
        assert graph.nodes["dev"]["rung"] == 8
        with pytest.warns(DeprecationWarning, match="pass report="):
            assert "rung" not in to_graph(eco, verdicts=False).nodes["dev"]

    def test_a_report_on_another_ecosystem_is_refused(self) -> None:
        lego = cases.load("lego")
        with pytest.raises(InvalidValue, match="names an entity that ecosystem 'full'"):
            to_graph(full_ecosystem(), report=analyse(lego))

    def test_undocumented_derived_attributes_are_refused(self) -> None:
        eco = full_ecosystem()

        class Report:
            def attributes(self) -> dict[str | None, dict[str, Any]]:
                return {"dev": {"colour": "red"}}

        with pytest.raises(InvalidValue, match="does not document"):
            to_graph(eco, report=Report())  # type: ignore[arg-type]

    def test_coalition_without_members_has_no_verdict(self) -> None:
        eco = full_ecosystem()
        eco = attrs.evolve(eco, coalitions=[attrs.evolve(eco.coalitions[0], members=())])
        board = to_graph(eco, report=analyse(eco)).nodes["board"]
        assert "verdict" not in board
        assert board["hhi"] == 0

    def test_an_ecosystem_without_arrangements_has_no_control_index(self) -> None:
        eco = full_ecosystem(arrangements=[])
        graph = to_graph(eco, report=analyse(eco))
        assert "control_index" not in graph.graph

    def test_values_are_scalars(self) -> None:
        graph = to_graph(full_ecosystem())
        values = [
            *graph.graph.values(),
            *(v for _, d in graph.nodes(data=True) for v in d.values()),
            *(v for _, _, d in graph.edges(data=True) for v in d.values()),
        ]
        assert all(isinstance(v, str | int | float) for v in values)

    def test_graph_attributes(self) -> None:
        graph = to_graph(full_ecosystem())
        assert graph.graph["peerprod"] == GRAPH_FORMAT
        assert graph.graph["id"] == "full"
        assert json.loads(graph.graph["sources" + JSON_SUFFIX]) == [
            {
                "title": "Bauwens, FCJ-097",
                "url": "https://fibreculturejournal.org/fcj-097/",
                "date": "2009",
                "supports": ["actors"],
            },
            {"title": "A title, with a comma and no date"},
        ]

    def test_edges(self) -> None:
        graph = to_graph(full_ecosystem())
        assert graph.edges["fdn", "forge", "operates"] == {"relation": "operates", "layer": 1}
        assert graph.edges["ada", "forge", "initiated"]["index"] == 1
        assert graph.edges["board", "code", "sustains"]["index"] == 0
        assert graph.edges["big", "board", "member_of"] == {
            "relation": "member_of", "layer": 3, "index": 1, "weight": 2.5,
        }  # fmt: skip
        assert graph.edges["small", "board", "member_of"]["tier"] == "gold"
        assert {(u, v) for u, v, k in graph.edges(keys=True) if k in ("pays", "funds", "via")} == {
            ("big", "dues"), ("dues", "devs"), ("dues", "fdn"), ("city", "grant"),
            ("grant", "code"), ("ada", "gift"), ("gift", "forge"),
        }  # fmt: skip
        assert "layer" not in graph.edges["dev", "forge", "runs_on"]
        for _, _, key, data in graph.edges(keys=True, data=True):
            assert key == data["relation"]

    def test_every_edge_type_appears(self) -> None:
        graph = to_graph(full_ecosystem())
        assert {k for _, _, k in graph.edges(keys=True)} == {t.relation for t in EDGE_TYPES}

    @pytest.mark.parametrize("kind", list(ActorKind))
    def test_layer_of_actors(self, kind: ActorKind) -> None:
        assert layer_of(Actor(id="a", kind=kind, name="A")) is ACTOR_LAYERS[kind]

    def test_layer_of_sections(self) -> None:
        eco = full_ecosystem()
        assert layer_of(eco.get("forge")) is Layer.PLATFORM
        assert layer_of(eco.get("dues")) is Layer.FUNDING_ECOLOGY
        assert layer_of(eco.get("city-plan")) is Layer.PARTNER_STATE
        assert layer_of(eco.get("dev")) is None

    def test_edge_type_lookup(self) -> None:
        assert edge_type("funds").endpoints == ("funding_stream", "actor|commons|platform")
        assert edge_type("engages").endpoints == ("partner_state", "*")
        assert edge_type("operates").layer is Layer.PLATFORM
        with pytest.raises(KeyError):
            edge_type("likes")

    def test_edge_types_are_the_models_references(self) -> None:
        # One table: the graph reads the model's references, in their order.
        assert [t.reference for t in EDGE_TYPES] == list(REFERENCES)
        for t in EDGE_TYPES:
            section = next(s for s in SECTIONS if s.name == t.reference.owner)
            assert (t.owner, t.layer) == (section.entity, section.layer)
            assert t.others == tuple(
                next(s.entity for s in SECTIONS if s.name == name) for name in t.reference.targets
            )

    def test_layers_are_the_models(self) -> None:
        from peerprod.model import references

        assert ACTOR_LAYERS is references.ACTOR_LAYERS
        assert layer_of is references.layer_of
        assert list(ENTITY_NAMES.values()) == [s.entity for s in SECTIONS]


class TestAttributeTable:
    """The documented table lists exactly what to_graph writes, and no name is ambiguous."""

    @staticmethod
    def written(graph: Any) -> set[tuple[str, str, str]]:
        rows = {("graph", name, "") for name in graph.graph}
        rows |= {("node", n, d["entity"]) for _, d in graph.nodes(data=True) for n in d}
        rows |= {("edge", n, d["relation"]) for _, _, d in graph.edges(data=True) for n in d}
        return rows

    @staticmethod
    def documented(scope: str, name: str, where: str) -> bool:
        return any(
            a.scope == scope and a.name == name and (not a.applies_to or where in a.applies_to)
            for a in ATTRIBUTES
        )

    def test_full_ecosystem_is_documented(self) -> None:
        eco = full_ecosystem()
        for row in self.written(to_graph(eco, report=analyse(eco))):
            assert self.documented(*row), row

    @given(ecosystems())
    def test_generated_ecosystems_are_documented(self, eco: Ecosystem) -> None:
        for row in self.written(to_graph(eco, report=analyse(eco))):
            assert self.documented(*row), row

    def test_derived_attributes_come_from_the_analysis_table(self) -> None:
        derived = {(a.scope, a.name, a.applies_to) for a in ATTRIBUTES if a.derived}
        for row in DERIVED_ATTRIBUTES:
            where = (row.entity,) if row.entity else ()
            assert (row.scope, row.name, where) in derived

    def test_required_attributes_are_always_written(self) -> None:
        graph = to_graph(full_ecosystem())
        for attribute in ATTRIBUTES:
            if not attribute.required:
                continue
            if attribute.scope == "graph":
                assert attribute.name in graph.graph
            elif attribute.scope == "node":
                for _, data in graph.nodes(data=True):
                    if not attribute.applies_to or data["entity"] in attribute.applies_to:
                        assert attribute.name in data, (attribute.name, data)
            else:
                for _, _, data in graph.edges(data=True):
                    if not attribute.applies_to or data["relation"] in attribute.applies_to:
                        assert attribute.name in data, (attribute.name, data)

    def test_every_section_has_an_entity_name(self) -> None:
        hints = typing.get_type_hints(Ecosystem)
        sections = [
            typing.get_args(hints[f.name])[0]
            for f in attrs.fields(Ecosystem)
            if f.name in {s.name for s in SECTIONS}
        ]
        assert set(sections) == set(ENTITY_NAMES)

    def test_edge_types_name_real_reference_fields(self) -> None:
        classes = {name: cls for cls, name in ENTITY_NAMES.items()}
        assert len({t.relation for t in EDGE_TYPES}) == len(EDGE_TYPES)
        for t in EDGE_TYPES:
            assert t.field in attrs.fields_dict(classes[t.owner]), t
            assert all(other in classes for other in t.others), t

    def test_no_name_means_two_things(self) -> None:
        # A field called "layer" or "relation" would clash with the structural
        # attribute that every node or edge of its scope carries.
        seen: dict[tuple[str, str], set[str]] = {}
        for attribute in ATTRIBUTES:
            owners = seen.setdefault((attribute.scope, attribute.name), set())
            targets = set(attribute.applies_to) or {"*"}
            assert not owners & (targets | {"*"}), attribute
            assert "*" not in targets or not owners, attribute
            owners |= targets

    def test_no_attribute_collides_with_a_file_format_name(self) -> None:
        # Names that GEXF, node-link or Cytoscape.js JSON give a meaning of their own.
        # A membership's weight is meant to be GEXF's edge weight.
        reserved = {
            "node": {"id", "label", "pid", "start", "end", "viz", "parents", "spells", "slices"},
            "edge": {"id", "label", "type", "start", "end", "viz", "spells", "slices", "key",
                     "networkx_key", "source", "target"},
            "graph": {"node_default", "edge_default", "mode"},
        }  # fmt: skip
        for attribute in ATTRIBUTES:
            assert attribute.name not in reserved[attribute.scope], attribute


class TestFromGraphRejects:
    """A graph that is not a peerprod graph raises InvalidGraph listing every problem in place."""

    def test_error_types(self) -> None:
        assert issubclass(InvalidGraph, ProblemsError)
        assert issubclass(InvalidGraph, PeerprodError)
        assert issubclass(InvalidGraph, ValueError)

    def test_not_a_graph(self) -> None:
        assert problems_of({"nodes": []}) == ["$: expected a networkx graph, got <class 'dict'>"]

    def test_undirected(self) -> None:
        graph = nx.MultiGraph(to_graph(full_ecosystem()))
        assert "$: expected a directed graph (a networkx MultiDiGraph)" in problems_of(graph)

    def test_plain_graph_without_marker(self) -> None:
        assert problems_of(nx.path_graph(2, create_using=nx.DiGraph)) == [
            "graph.peerprod: missing: this is not a peerprod graph",
            "graph.id: required field missing",
            "graph.name: required field missing",
            "nodes[0]: has no attributes: an edge refers to an id the graph does not describe",
            "nodes[1]: has no attributes: an edge refers to an id the graph does not describe",
            "edges[0, 1].relation: missing",
        ]

    def test_newer_layout(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.graph["peerprod"] = GRAPH_FORMAT + 1
        assert problems_of(graph) == [
            f"graph.peerprod: graph layout {GRAPH_FORMAT + 1} was written by a newer peerprod; "
            f"this one reads layouts up to {GRAPH_FORMAT}"
        ]

    @pytest.mark.parametrize("version", [0, "1", True, 1.0])
    def test_bad_layout_version(self, version: object) -> None:
        graph = to_graph(full_ecosystem())
        graph.graph["peerprod"] = version
        assert problems_of(graph) == [
            f"graph.peerprod: expected a positive whole number, got {version!r}"
        ]

    def test_graph_attribute_problems(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.graph["name"] = 3
        graph.graph["colour"] = "red"
        graph.graph["actors:json"] = "[]"
        assert problems_of(graph) == ["graph.actors: sections are nodes, not graph attributes"]
        del graph.graph["actors:json"]
        assert problems_of(graph) == [
            "graph.name: expected a string, got int 3",
            "graph: unknown field 'colour'",
        ]

    def test_every_problem_at_once_with_its_place(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.nodes["big"]["kind"] = "corp"
        graph.nodes["code"]["license.kind"] = "open"
        graph.nodes["dues"]["colour"] = "green"
        graph.edges["big", "board", "member_of"]["weight"] = "heavy"
        graph.edges["dues", "devs", "funds"]["amount"] = "1"
        graph.add_edge("ghost", "forge", key="initiated", relation="initiated", index=2)
        assert problems_of(graph) == [
            "nodes['ghost']: has no attributes: an edge refers to an id the graph does not "
            "describe",
            "edges['dues', 'devs', 'funds']: unknown attribute 'amount' on a 'funds' edge",
            "nodes['big'].kind: 'corp' is not one of 'community', 'foundation', 'business', "
            "'cooperative', 'public_authority', 'individual'",
            "nodes['code'].license.kind: 'open' is not one of 'sharecropping', 'corporate', "
            "'sharing', 'commons'",
            "edges['big', 'board', 'member_of'].weight: expected a number, got str 'heavy'",
            "nodes['dues']: unknown field 'colour'",
        ]

    def test_unknown_and_missing_entity(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.nodes["big"]["entity"] = "company"
        del graph.nodes["small"]["entity"]
        problems = problems_of(graph)
        assert problems[0].startswith("nodes['big'].entity: 'company' is not one of 'actor', ")
        assert problems[1].startswith("nodes['small'].entity: missing; expected one of ")

    def test_edge_problems(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.add_edge("big", "forge", key="likes", relation="likes")
        graph.add_edge("big", "forge", key="x", relation="operates")
        graph.add_edge("fdn", "code", key="operates", relation="operates")
        graph.add_edge("big", "forge", key="y", relation="initiated")
        graph.add_edge("small", "forge", key="initiated", relation="initiated", index=-1)
        graph.add_edge("fdn", "forge", key="again", relation="operates")
        graph.edges["devs", "forge", "initiated"]["index"] = 1
        assert problems_of(graph) == [
            "edges['fdn', 'forge', 'again']: repeats an earlier 'operates' edge",
            "edges['fdn', 'code', 'operates']: 'operates' edges need a 'platform' node as their "
            "target, 'code' is a 'commons'",
            "edges['big', 'forge', 'likes'].relation: 'likes' is not one of 'initiated', "
            "'operates', 'owns', 'hosts', 'holds_rights', 'contributes_to', 'member_of', 'houses', "
            "'sustains', 'pays', 'funds', 'via', 'undertakes', 'engages', 'organizes', "
            "'participates_in', 'runs_on', 'feeds'",
            "edges['big', 'forge', 'y'].index: expected a whole number >= 0, missing",
            "edges['small', 'forge', 'initiated'].index: expected a whole number >= 0, got -1",
            "edges['ada', 'forge', 'initiated'].index: repeats index 1",
            "edges['big', 'forge', 'x']: a second 'operates' edge for 'forge'",
        ]

    def test_reference_as_attribute(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.nodes["forge"]["operator"] = "fdn"
        assert problems_of(graph) == ["nodes['forge'].operator: must be 'operates' edges"]

    def test_integrity_problems_point_at_edges(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.remove_edge("fdn", "board", "houses")
        graph.add_edge("small", "board", key="houses", relation="houses")
        graph.add_edge("board", "city", key="sustains", relation="sustains", index=1)
        assert problems_of(graph) == [
            "edges['small', 'board', 'houses']: 'small' is a 'business' actor, expected "
            "'foundation'",
            "edges['board', 'city', 'sustains']: 'city' is not the id of any commons",
        ]

    def test_missing_required_reference(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.remove_edge("fdn", "forge", "operates")
        assert problems_of(graph) == ["nodes['forge'].operator: required field missing"]

    def test_model_rule_on_a_member_edge(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.add_edge("small", "board", key="again", relation="member_of", index=2, weight=1)
        assert problems_of(graph) == [
            "edges['small', 'board', 'again']: repeats an earlier 'member_of' edge"
        ]
        graph.remove_edge("small", "board", "again")
        graph.edges["small", "board", "member_of"]["weight"] = -1
        assert problems_of(graph) == [
            "edges['small', 'board', 'member_of'].weight: must be finite and not negative, got -1"
        ]

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("resources:json", "[software", "Expecting value: line 1 column 2 (char 1)"),
            ("resources:json", 3, "expected JSON text, got int"),
            ("license", "GPL", "conflicts with another attribute"),
            ("license..kind", "x", "malformed name"),
        ],
    )
    def test_flattened_names_that_do_not_fit(self, name: str, value: object, message: str) -> None:
        graph = to_graph(full_ecosystem())
        graph.nodes["code"][name] = value
        assert f"nodes['code'].{name}: {message}" in problems_of(graph)

    def test_non_text_attribute_name(self) -> None:
        graph = to_graph(full_ecosystem())
        graph.nodes["code"][7] = "x"
        assert problems_of(graph) == ["nodes['code']: attribute name 7 is not text"]

    def test_derived_attributes_are_ignored(self) -> None:
        eco = full_ecosystem()
        graph = to_graph(eco)
        graph.nodes["big"]["layer"] = 5
        graph.edges["big", "board", "member_of"]["layer"] = 1
        assert from_graph(graph) == eco

    def test_edge_keys_and_gaps_in_indexes_do_not_matter(self) -> None:
        eco = full_ecosystem()
        graph = to_graph(eco)
        data = graph.edges["ada", "forge", "initiated"]
        graph.remove_edge("ada", "forge", "initiated")
        graph.add_edge("ada", "forge", key=0, **{**data, "index": 7})
        assert from_graph(graph) == eco

    def test_simple_digraph_is_read(self) -> None:
        eco = Ecosystem(
            id="e", name="E", actors=[Actor(id="c", kind=ActorKind.COMMUNITY, name="C")],
            platforms=[Platform(id="p", name="P", initiators=["c"], operator="c")],
        )  # fmt: skip
        graph = nx.DiGraph(peerprod=1, id="e", name="E")
        graph.add_nodes_from(to_graph(eco).nodes(data=True))
        graph.add_edge("c", "p", relation="operates")
        assert from_graph(graph) == attrs.evolve(
            eco, platforms=[attrs.evolve(eco.platforms[0], initiators=())]
        )


class TestAnalyses:
    """The analyses answer the essay's questions; the old names also accept a graph."""

    def test_value_flows(self) -> None:
        eco = full_ecosystem()
        flows = value_flows(eco)
        assert deprecated("value_flows")(to_graph(eco)) == flows
        assert deprecated("value_flows")(eco) == flows
        assert [(f.stream, f.destination, f.from_market) for f in flows] == [
            ("dues", Destination.COMMUNITY, True),
            ("grant", Destination.COMMONS, False),
            ("gift", Destination.INFRASTRUCTURE, False),
        ]
        assert flows[0].via == "fdn"
        assert flows[0].amount == Decimal("1000.50")

    def test_flow_totals(self) -> None:
        (totals,) = flow_totals(full_ecosystem())
        assert (totals.currency, totals.period) == ("EUR", Period.YEAR)
        assert totals.total == Decimal("1200.50")
        assert totals.from_market == Decimal("1000.50")
        assert totals.share(Destination.COMMONS) == Decimal(200) / Decimal("1200.50")
        assert totals.share(Destination.FOUNDATION) == 0

    def test_flow_totals_keep_currencies_and_periods_apart(self) -> None:
        eco = full_ecosystem()
        monthly = attrs.evolve(eco.funding[1], period=Period.MONTH)
        dollars = attrs.evolve(eco.funding[0], currency="USD")
        free = FundingStream(
            id="free", source="big", recipient="fdn", channel=FundingChannel.DIRECT,
            amount=0, currency="GBP",
        )  # fmt: skip
        totals = flow_totals(attrs.evolve(eco, funding=[dollars, monthly, free]))
        assert [(t.currency, t.period) for t in totals] == [
            ("USD", Period.YEAR), ("EUR", Period.MONTH), ("GBP", None),
        ]  # fmt: skip
        assert totals[2].share(Destination.FOUNDATION) == 0
        assert totals[0].by_destination == ((Destination.COMMUNITY, Decimal("1000.50")),)

    def test_linux_money_reaches_the_foundation(self) -> None:
        flows = value_flows(cases.load("linux"))
        assert {f.destination for f in flows} >= {Destination.FOUNDATION, Destination.COMMUNITY}

    def test_triad_and_quaternary(self) -> None:
        eco = full_ecosystem()
        triads = deprecated("triads")
        (triad,) = triads(eco)
        assert triad.communities == ("devs",)
        assert triad.foundations == ("fdn",)
        assert triad.businesses == ("big", "small")
        assert triad.quaternary
        assert triads(to_graph(eco)) == (triad,)

    def test_triad_without_public_authority(self) -> None:
        eco = full_ecosystem()
        eco = attrs.evolve(
            eco,
            actors=eco.actors[:-1],
            funding=eco.funding[:1],
            partner_states=(),
        )
        (triad,) = deprecated("triads")(eco)
        assert not triad.quaternary

    def test_parts_that_are_not_connected_are_separate(self) -> None:
        eco = Ecosystem(
            id="e", name="E",
            actors=[
                Actor(id="c", kind=ActorKind.COMMUNITY, name="C"),
                Actor(id="f", kind=ActorKind.FOUNDATION, name="F"),
                Actor(id="b", kind=ActorKind.BUSINESS, name="B"),
            ],
        )  # fmt: skip
        assert deprecated("triads")(eco) == ()

    def test_essay_cases(self) -> None:
        triads = deprecated("triads")
        assert len(triads(cases.load("linux"))) == 1
        assert triads(cases.load("lego")) == ()

    def test_platform_control(self) -> None:
        (forge,) = platform_control(full_ecosystem())
        assert forge.operator == "fdn"
        assert forge.operator_kind is ActorKind.FOUNDATION
        assert forge.initiator_kinds == (ActorKind.COMMUNITY, ActorKind.INDIVIDUAL)
        assert forge.handed_over
        assert not forge.corporate_opened
        lego = deprecated("platform_control")(to_graph(cases.load("lego")))
        assert lego == platform_control(cases.load("lego"))
        corporate = {c.operator_kind for c in lego if c.corporate_opened}
        assert corporate == {ActorKind.BUSINESS}
        assert [c.corporate_opened for c in lego].count(False) == 1  # the fans' own Lugnet

    def test_coalition_concentration(self) -> None:
        eco = full_ecosystem()
        coalition_concentration = deprecated("coalition_concentration")
        (board,) = coalition_concentration(eco)
        assert coalition_concentration(to_graph(eco)) == (board,)
        assert board.largest == ("big",)
        assert board.largest_share == pytest.approx(2.5 / 3.5)
        assert board.hhi == pytest.approx((2.5 / 3.5) ** 2 + (1 / 3.5) ** 2)
        assert board.verdict is CoalitionVerdict.DOMINATED
        (linux,) = coalition_concentration(cases.load("linux"))
        assert linux.verdict is CoalitionVerdict.EQUAL_SAY

    def test_dominated_coalition(self) -> None:
        coalition_concentration = deprecated("coalition_concentration")
        verdicts = {c.verdict for c in coalition_concentration(cases.load("eclipse"))}
        assert verdicts == {CoalitionVerdict.DOMINATED}

    def test_analyses_check_their_graph(self) -> None:
        with pytest.raises(InvalidGraph):
            deprecated("value_flows")(nx.MultiDiGraph())

    def test_flow_totals_through_the_old_name(self) -> None:
        eco = full_ecosystem()
        assert deprecated("flow_totals")(to_graph(eco)) == flow_totals(eco)

    def test_moved_classes_are_the_same(self) -> None:
        from peerprod import analysis

        for name in ("Destination", "FlowTotals", "ValueFlow", "PlatformControl"):
            assert deprecated(name) is getattr(analysis, name)

    def test_the_analysis_alias_of_coalition_concentration_warns(self) -> None:
        from peerprod.analysis.control import coalition_concentration

        with pytest.warns(DeprecationWarning, match="use coalition_structure"):
            (linux,) = coalition_concentration(cases.load("linux"))
        assert linux.verdict is CoalitionVerdict.EQUAL_SAY

    def test_unknown_name(self) -> None:
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            _ = graphs_package.nope

    def test_the_old_module_forwards_to_the_new_homes(self) -> None:
        import importlib
        import sys

        sys.modules.pop("peerprod.graph", None)
        with pytest.warns(DeprecationWarning, match="has moved to"):
            old = importlib.import_module("peerprod.graph")
        assert old.to_graph is to_graph
        assert old.EDGE_TYPES is EDGE_TYPES
        # The old analyses still accept a graph.
        assert old.value_flows(to_graph(full_ecosystem())) == value_flows(full_ecosystem())
