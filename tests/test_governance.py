"""Coalition structure: concentration of decision weight and the equal-say verdict."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peerprod import cases
from peerprod.classify.coalitions import (
    CONCENTRATED_HHI,
    DOMINANT_SHARE,
    CoalitionVerdict,
    coalition_structure,
    elephant_factor,
    herfindahl_index,
)
from peerprod.errors import InvalidValue
from peerprod.model.actors import ActorKind
from peerprod.model.governance import BusinessRelation, Coalition, DecisionRule, Membership
from peerprod.strategies._classify import weighted_coalitions

if TYPE_CHECKING:
    from random import Random


def coalition(*weights: float, rule: DecisionRule = DecisionRule.SIMPLE_MAJORITY) -> Coalition:
    return Coalition(
        id="c",
        name="C",
        body="Board",
        members=[Membership(actor=f"m{i}", weight=w) for i, w in enumerate(weights)],
        decision_rule=rule,
    )


def merged(c: Coalition, first: int, second: int) -> Coalition:
    """The coalition after two members merge into one holding both weights."""
    a, b = c.members[first], c.members[second]
    rest = [m for i, m in enumerate(c.members) if i not in (first, second)]
    return attrs.evolve(c, members=[*rest, Membership(actor=a.actor, weight=a.weight + b.weight)])


class TestMeasures:
    """HHI, largest share and elephant factor, computed exactly."""

    @pytest.mark.parametrize(
        ("weights", "hhi", "elephants"),
        [
            ([1], 1.0, 1),
            ([1, 1], 0.5, 1),
            ([1, 1, 1, 1], 0.25, 2),
            ([3, 1], 0.625, 1),
            ([2, 1, 1], 0.375, 1),
            ([1, 0, 0], 1.0, 1),
            ([], 0.0, 0),
            ([0, 0], 0.0, 0),
        ],
    )
    def test_examples(self, weights: list[float], hhi: float, elephants: int) -> None:
        assert herfindahl_index(weights) == hhi
        assert elephant_factor(weights) == elephants

    @given(st.lists(st.floats(0, 1e6), min_size=1), st.randoms())
    def test_order_free_and_bounded(self, weights: list[float], random: Random) -> None:
        shuffled = list(weights)
        random.shuffle(shuffled)
        assert herfindahl_index(shuffled) == herfindahl_index(weights)
        assert elephant_factor(shuffled) == elephant_factor(weights)
        if any(weights):
            assert 1 / len(weights) - 1e-12 <= herfindahl_index(weights) <= 1.0
            assert 1 <= elephant_factor(weights) <= len(weights)

    def test_thresholds(self) -> None:
        assert Fraction(2, 5) == DOMINANT_SHARE
        assert Fraction(1, 4) == CONCENTRATED_HHI


class TestVerdict:
    """Dominated when one party steers the body; captured when the businesses own the commons."""

    @pytest.mark.parametrize(
        ("weights", "verdict"),
        [
            ([1] * 8, CoalitionVerdict.EQUAL_SAY),
            ([1] * 3, CoalitionVerdict.EQUAL_SAY),  # three equal partners: nobody steers
            ([1, 1], CoalitionVerdict.EQUAL_SAY),
            ([2, 2, 1], CoalitionVerdict.EQUAL_SAY),  # two of 40%: each can be balanced
            ([2, 1, 1, 1], CoalitionVerdict.DOMINATED),  # 40% and twice the next
            ([6, 4], CoalitionVerdict.DOMINATED),  # 60% carries a simple majority alone
            ([3, 1], CoalitionVerdict.DOMINATED),
            ([39, 13, 12, 12, 12, 12], CoalitionVerdict.EQUAL_SAY),  # 39%
            ([5, 0, 0, 0], CoalitionVerdict.DOMINATED),
        ],
    )
    def test_examples(self, weights: list[float], verdict: CoalitionVerdict) -> None:
        assert coalition_structure(coalition(*weights)).verdict is verdict

    def test_qualified_majority_needs_two_thirds(self) -> None:
        assert coalition_structure(coalition(6, 4)).dominant == "m0"
        qualified = coalition(3, 2, rule=DecisionRule.QUALIFIED_MAJORITY)
        assert coalition_structure(qualified).verdict is CoalitionVerdict.EQUAL_SAY
        consensus = coalition(7, 3, rule=DecisionRule.CONSENSUS)
        assert coalition_structure(consensus).verdict is CoalitionVerdict.DOMINATED  # 70%, 2.3x

    def test_single_party_rule_dominates_whatever_the_weights(self) -> None:
        structure = coalition_structure(coalition(4, 1, 1, rule=DecisionRule.SINGLE_PARTY))
        assert structure.verdict is CoalitionVerdict.DOMINATED
        assert structure.dominant == "m0"
        assert any("single party" in reason for reason in structure.reasons)

    def test_capture_is_reported_however_the_seats_are_spread(self) -> None:
        equal_firms = attrs.evolve(coalition(*[1] * 8), business_relation=BusinessRelation.CAPTURE)
        structure = coalition_structure(equal_firms)
        assert structure.verdict is CoalitionVerdict.CAPTURED
        assert "corporate commons" in str(structure)

    def test_community_seats_count_but_never_dominate(self) -> None:
        board = Coalition(
            id="c", name="C", body="Board",
            members=[Membership(actor="devs", weight=6), Membership(actor="a", weight=3),
                     Membership(actor="b", weight=1)],
        )  # fmt: skip
        kinds = {"devs": ActorKind.COMMUNITY, "a": ActorKind.BUSINESS, "b": ActorKind.BUSINESS}
        blind = coalition_structure(board)
        assert blind.verdict is CoalitionVerdict.DOMINATED
        assert blind.dominant == "devs"
        aware = coalition_structure(board, kinds)
        assert aware.verdict is CoalitionVerdict.EQUAL_SAY
        assert aware.community_share == pytest.approx(0.6)
        firm = attrs.evolve(board, members=[*board.members[1:], Membership(actor="c", weight=0)])
        kinds["c"] = ActorKind.COMMUNITY
        assert coalition_structure(firm, kinds).dominant == "a"

    def test_empty_coalition_has_no_verdict(self) -> None:
        structure = coalition_structure(coalition())
        assert structure.verdict is None
        assert (structure.members, structure.hhi, structure.elephant_factor) == (0, 0.0, 0)
        assert structure.effective_members == 0.0
        assert "unknown" in str(structure)

    def test_ties_are_all_named(self) -> None:
        structure = coalition_structure(coalition(2, 2, 1))
        assert structure.largest == ("m0", "m1")
        assert "m0 and m1 each hold 40%" in str(structure)

    def test_essay_coalitions(self) -> None:
        linux = coalition_structure(cases.load("linux").coalitions[0])
        eclipse = coalition_structure(cases.load("eclipse").coalitions[0])
        assert linux.verdict is CoalitionVerdict.EQUAL_SAY
        assert eclipse.verdict is CoalitionVerdict.DOMINATED
        assert eclipse.dominant == "ibm"
        assert eclipse.elephant_factor == 1


class TestInvariants:
    """Permuting members changes nothing; a dominant party that grows stays dominant."""

    @given(weighted_coalitions(), st.randoms())
    def test_permutation_changes_nothing(self, c: Coalition, random: Random) -> None:
        members = list(c.members)
        random.shuffle(members)
        assert coalition_structure(attrs.evolve(c, members=members)) == coalition_structure(c)

    @given(weighted_coalitions(), st.from_regex(r"[a-z]{1,5}", fullmatch=True))
    def test_ids_and_tiers_change_only_names(self, c: Coalition, prefix: str) -> None:
        renamed = attrs.evolve(
            c,
            members=[
                Membership(actor=f"{prefix}-{i}", weight=m.weight, tier="gold")
                for i, m in enumerate(c.members)
            ],
        )
        before, after = coalition_structure(c), coalition_structure(renamed)
        assert (before.verdict, before.hhi, before.largest_share, before.elephant_factor) == (
            after.verdict,
            after.hhi,
            after.largest_share,
            after.elephant_factor,
        )

    @given(weighted_coalitions(min_members=2), st.data())
    def test_merging_into_the_dominant_party_never_frees(
        self, c: Coalition, data: st.DataObject
    ) -> None:
        before = coalition_structure(c)
        assume(before.dominant is not None)
        leader = next(i for i, m in enumerate(c.members) if m.actor == before.dominant)
        other = data.draw(st.sampled_from([i for i in range(len(c.members)) if i != leader]))
        after = coalition_structure(merged(c, leader, other))
        assert after.hhi >= before.hhi
        assert after.largest_share >= before.largest_share
        assert after.elephant_factor <= before.elephant_factor
        assert after.dominant == before.dominant
        assert after.verdict == before.verdict

    @given(weighted_coalitions(min_members=1), st.data())
    def test_one_member_with_every_vote_dominates(self, c: Coalition, data: st.DataObject) -> None:
        holder = data.draw(st.integers(0, len(c.members) - 1))
        weight = data.draw(st.integers(1, 100))
        alone = attrs.evolve(
            c,
            members=[
                attrs.evolve(m, weight=weight if i == holder else 0)
                for i, m in enumerate(c.members)
            ],
        )
        structure = coalition_structure(alone)
        expected = (
            CoalitionVerdict.CAPTURED
            if c.business_relation is BusinessRelation.CAPTURE
            else CoalitionVerdict.DOMINATED
        )
        assert structure.verdict is expected
        assert structure.largest == (c.members[holder].actor,)
        assert structure.dominant == c.members[holder].actor
        assert structure.elephant_factor == 1

    @given(weighted_coalitions())
    def test_never_raises_and_stays_in_range(self, c: Coalition) -> None:
        structure = coalition_structure(c)
        assert structure.coalition == c.id
        assert structure.reasons
        if c.members:
            assert structure.verdict is not None
            assert 0.0 < structure.hhi <= 1.0
            assert structure.hhi <= structure.largest_share <= 1.0
            assert 1 <= structure.elephant_factor <= len(c.members)
            assert structure.effective_members >= 1.0 - 1e-12
        if c.business_relation is BusinessRelation.CAPTURE and c.members:
            assert structure.verdict is CoalitionVerdict.CAPTURED


class TestCoalitionValue:
    """Validation of members beyond what the model tests cover."""

    def test_members_must_be_memberships(self) -> None:
        with pytest.raises(InvalidValue, match="tuple of Membership"):
            Coalition(id="c", name="C", body="Board", members=["a"])
