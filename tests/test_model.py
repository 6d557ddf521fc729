"""The domain values: immutability, value semantics and field validation."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerprod import (
    FACTS,
    UNKNOWN,
    Actor,
    ActorKind,
    Arrangement,
    Between,
    Captor,
    Channel,
    Coalition,
    Commons,
    Contribution,
    ContributionTerms,
    Control,
    FundingChannel,
    FundingStream,
    InvalidValue,
    Layer,
    License,
    LicenseKind,
    Membership,
    Monetization,
    OneOf,
    PartnerState,
    PeerprodError,
    Platform,
    PublicRole,
    Reciprocity,
    Resource,
    Scale,
    Source,
)
from peerprod._validation import ID_PATTERN
from peerprod.documents.migrate import Relation, ValueCapture
from peerprod.strategies import (
    actors,
    arrangements,
    coalitions,
    design_qualities,
    ecosystems,
    licenses,
    memberships,
)

VALUES = st.one_of(
    actors(), licenses(), arrangements(), coalitions(), memberships(), design_qualities()
)


def arrangement(**changes: Any) -> Arrangement:
    base: dict[str, Any] = {
        "id": "a",
        "name": "A",
        "contributions": {Contribution.DESIGNS},
        "community": True,
        "competition": False,
        "monetization": {Monetization(channel=Channel.ATTENTION, by=Captor.ORGANIZER)},
        "parameters": Control.ORGANIZER,
        "design": Control.PARTICIPANTS,
        "joint_design": False,
        "platform_control": Control.ORGANIZER,
        "value_chain_control": Control.ORGANIZER,
        "output_regime": LicenseKind.CORPORATE,
    }
    base.update(changes)
    return Arrangement(**base)


class TestValueSemantics:
    """Domain values are frozen, slotted and compare and hash by value."""

    @given(VALUES)
    def test_frozen(self, value: Any) -> None:
        for field in attrs.fields(type(value)):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(value, field.name, getattr(value, field.name))

    @given(VALUES)
    def test_equal_copies_hash_equal(self, value: Any) -> None:
        copy = attrs.evolve(value)
        assert copy == value
        assert hash(copy) == hash(value)

    @given(ecosystems())
    def test_ecosystems_hash_as_values(self, eco: Any) -> None:
        assert hash(attrs.evolve(eco)) == hash(eco)

    @given(VALUES)
    def test_slotted(self, value: Any) -> None:
        assert not hasattr(value, "__dict__")

    def test_lists_become_tuples(self) -> None:
        platform = Platform(id="p", name="P", initiators=["a", "b"], operator="a")
        assert platform.initiators == ("a", "b")

    def test_sets_become_frozensets(self) -> None:
        engagement = PartnerState(
            id="e", authority="city", scale=Scale.CITY, roles=[PublicRole.HOST]
        )
        assert engagement.roles == frozenset({PublicRole.HOST})


class TestValidation:
    """Construction rejects bad fields with an error naming field and value."""

    @pytest.mark.parametrize("bad", ["", " x", "x ", "a b", "-x", "x" * 129, 3, None])
    def test_bad_ids(self, bad: Any) -> None:
        with pytest.raises(InvalidValue) as info:
            Actor(id=bad, kind=ActorKind.BUSINESS, name="X")
        assert info.value.field == "id"
        assert info.value.value == bad
        assert isinstance(info.value, PeerprodError)
        assert isinstance(info.value, ValueError)

    @given(
        st.one_of(
            st.text(),
            st.text(alphabet="aZ09._:/-", max_size=130),
            st.text(alphabet=st.characters(codec="ascii"), min_size=120, max_size=130),
        )
    )
    def test_id_checks_follow_the_pattern(self, text: str) -> None:
        # The id checks pass letters and digits without the pattern; every check
        # must still accept exactly what ID_PATTERN accepts.
        valid = ID_PATTERN.fullmatch(text) is not None
        for make in (
            lambda: Actor(id=text, kind=ActorKind.BUSINESS, name="X"),
            lambda: Platform(id="p", name="P", initiators=[text], operator="a", owner=text),
        ):
            try:
                make()
            except InvalidValue:
                assert not valid
            else:
                assert valid

    def test_blank_name(self) -> None:
        with pytest.raises(InvalidValue, match="name: must not be blank"):
            Actor(id="x", kind=ActorKind.BUSINESS, name="  ")

    def test_kind_must_be_member(self) -> None:
        with pytest.raises(InvalidValue, match="kind: must be a ActorKind member, got 'business'"):
            Actor(id="x", kind="business", name="X")  # type: ignore[arg-type]

    def test_string_is_not_a_tuple(self) -> None:
        with pytest.raises(TypeError, match="not a string"):
            Platform(id="p", name="P", initiators="abc", operator="a")

    def test_string_is_not_a_set(self) -> None:
        with pytest.raises(TypeError, match="not a string"):
            PartnerState(id="e", authority="c", scale=Scale.CITY, roles="host")

    def test_repeated_id_in_tuple(self) -> None:
        with pytest.raises(InvalidValue, match=r"initiators\[1\]: is listed twice"):
            Platform(id="p", name="P", initiators=["a", "a"], operator="a")

    def test_sharecropping_license_cannot_be_reciprocal(self) -> None:
        # Issue 12: duties add up under AND, so a corporate license may carry one
        # (MPL-2.0 AND BUSL-1.1); sharecropping, made by contribution terms, never does.
        License(kind=LicenseKind.CORPORATE, reciprocity=Reciprocity.STRONG)
        with pytest.raises(InvalidValue, match="reciprocity"):
            License(kind=LicenseKind.SHARECROPPING, reciprocity=Reciprocity.STRONG)

    @pytest.mark.parametrize("blank", ["", "  ", 7])
    def test_license_expression_must_be_text(self, blank: Any) -> None:
        with pytest.raises(InvalidValue, match="expression"):
            License(expression=blank, kind=LicenseKind.COMMONS)

    def test_terms_holder_required(self) -> None:
        with pytest.raises(InvalidValue, match="terms_holder: is required by"):
            Commons(
                id="c",
                name="C",
                resources=[Resource.SOFTWARE],
                license=License(kind=LicenseKind.COMMONS),
                contribution_terms=ContributionTerms.CLA_COMPANY,
            )

    def test_terms_holder_forbidden(self) -> None:
        with pytest.raises(InvalidValue, match="terms_holder: conflicts with"):
            Commons(
                id="c",
                name="C",
                resources=[Resource.SOFTWARE],
                license=License(kind=LicenseKind.COMMONS),
                terms_holder="x",
            )

    def test_commons_needs_a_resource(self) -> None:
        with pytest.raises(InvalidValue, match="resources: must not be empty"):
            Commons(id="c", name="C", resources=[], license=License(kind=LicenseKind.COMMONS))

    def test_member_twice(self) -> None:
        with pytest.raises(InvalidValue, match=r"members\[1\]\.actor: is a member twice"):
            Coalition(
                id="c",
                name="C",
                body="B",
                members=[Membership(actor="x", weight=1), Membership(actor="x", weight=2)],
            )

    def test_all_zero_weights(self) -> None:
        with pytest.raises(InvalidValue, match="must not all be zero"):
            Coalition(id="c", name="C", body="B", members=[Membership(actor="x", weight=0)])

    @pytest.mark.parametrize("weight", [-1, float("nan"), float("inf"), True, "1"])
    def test_bad_weight(self, weight: Any) -> None:
        with pytest.raises(InvalidValue, match="weight"):
            Membership(actor="x", weight=weight)

    def test_coalition_shares(self) -> None:
        coalition = Coalition(
            id="c",
            name="C",
            body="B",
            members=[Membership(actor="x", weight=3), Membership(actor="y", weight=1)],
        )
        assert coalition.shares() == {"x": 0.75, "y": 0.25}
        empty = Coalition(id="e", name="E", body="B", members=[])
        assert empty.shares() == {}

    def test_funding_amount_needs_currency(self) -> None:
        with pytest.raises(InvalidValue, match="currency: an amount and its currency"):
            FundingStream(id="f", source="a", recipient="b", channel=FundingChannel.GRANT, amount=5)

    @pytest.mark.parametrize("currency", ["eur", "EURO", "", 978])
    def test_bad_currency(self, currency: Any) -> None:
        with pytest.raises(InvalidValue, match="currency"):
            FundingStream(
                id="f",
                source="a",
                recipient="b",
                channel=FundingChannel.GRANT,
                amount=5,
                currency=currency,
            )

    @pytest.mark.parametrize("amount", [-1, "NaN", "Infinity", "lots", True, [1]])
    def test_bad_amount(self, amount: Any) -> None:
        with pytest.raises(InvalidValue, match="amount"):
            FundingStream(
                id="f",
                source="a",
                recipient="b",
                channel=FundingChannel.GRANT,
                amount=amount,
                currency="EUR",
            )

    def test_amounts_are_exact(self) -> None:
        stream = FundingStream(
            id="f",
            source="a",
            recipient="b",
            channel=FundingChannel.GRANT,
            amount=0.1,
            currency="EUR",
        )
        assert stream.amount == Decimal("0.1")

    def test_stream_cannot_fund_itself(self) -> None:
        with pytest.raises(InvalidValue, match="recipient: a stream cannot fund its own source"):
            FundingStream(id="f", source="a", recipient="a", channel=FundingChannel.GRANT)


class TestArrangementFacts:
    """Facts are checked at construction, and equal facts are equal values."""

    def test_valid(self) -> None:
        a = arrangement()
        assert a.design is Control.PARTICIPANTS
        assert a.complete
        assert a.unknown_facts() == ()

    def test_left_out_facts_are_unknown(self) -> None:
        a = Arrangement(id="a", name="A")
        assert a.facts() == (UNKNOWN,) * len(FACTS)
        assert a.unknown_facts() == FACTS

    @pytest.mark.parametrize(
        ("field", "value", "match"),
        [
            ("contributions", set(), "at least one contribution"),
            ("contributions", {Contribution.NOTHING, Contribution.CODE}, "'nothing' must stand"),
            ("contributions", {"code"}, "set of Contribution"),
            ("monetization", {Monetization(channel=Channel.NONE),
                              Monetization(channel=Channel.FEES, by=Captor.ORGANIZER)},
             "'none' stands alone or beside donations"),
            ("community", 1, "true, false or UNKNOWN"),
            ("design", "shared", "Control member"),
            ("output_regime", Control.SHARED, "LicenseKind member"),
            ("contributions", Between(known=[Contribution.NOTHING, Contribution.CODE],
                                      maybe=[Contribution.DATA]),
             "allows no valid set"),
        ],
    )  # fmt: skip
    def test_invalid(self, field: str, value: Any, match: str) -> None:
        with pytest.raises(InvalidValue, match=match) as info:
            arrangement(**{field: value})
        assert info.value.field == field

    def test_monetization_captor(self) -> None:
        with pytest.raises(InvalidValue, match="must be left out"):
            Monetization(channel=Channel.NONE, by=Captor.ANYONE)
        with pytest.raises(InvalidValue, match="Captor member"):
            Monetization(channel=Channel.FEES)
        assert str(Monetization(channel=Channel.NONE)) == "none"

    def test_possibilities_normalize(self) -> None:
        assert arrangement(design=[Control.SHARED]).design is Control.SHARED
        assert arrangement(design=OneOf(list(Control))).design is UNKNOWN
        assert arrangement(community=OneOf([True, False])).community is UNKNOWN
        narrowed = arrangement(design={Control.SHARED, Control.ORGANIZER})
        assert narrowed.design == OneOf({Control.ORGANIZER, Control.SHARED})
        assert not narrowed.complete
        assert narrowed.unknown_facts() == ("design",)
        two = arrangement(contributions=OneOf([[Contribution.CODE], {Contribution.DATA}]))
        assert frozenset({Contribution.DATA}) in two.contributions  # type: ignore[operator]

    def test_uncertainty_values(self) -> None:
        with pytest.raises(InvalidValue, match="at least two"):
            OneOf([Control.SHARED])
        with pytest.raises(InvalidValue, match="not unknowns"):
            OneOf([UNKNOWN, Control.SHARED])
        with pytest.raises(InvalidValue, match="already known"):
            Between(known=[Contribution.CODE], maybe=[Contribution.CODE])
        with pytest.raises(TypeError, match="not a string"):
            OneOf("ab")
        between: Between[Contribution] = Between(
            known=[Contribution.CODE], maybe=[Contribution.DATA]
        )
        assert len(between.possible_sets()) == 2
        assert "Between(" in repr(between)
        assert repr(UNKNOWN) == "UNKNOWN"

    def test_sources(self) -> None:
        source = Source(title="T", url="https://example.org", date="2024-02", supports=["design"])
        assert source.supports == ("design",)
        assert Source(title="T", date=datetime.date(2024, 2, 29)).date == "2024-02-29"
        for bad in ("2024-13", "24", "2023-02-29", "2024/01/01"):
            with pytest.raises(InvalidValue, match="date"):
                Source(title="T", date=bad)
        with pytest.raises(InvalidValue, match="twice"):
            Source(title="T", supports=["design", "design"])

    @given(arrangements())
    def test_facts_in_order(self, value: Arrangement) -> None:
        assert value.facts() == tuple(getattr(value, name) for name in FACTS)


class TestOrdinalEnums:
    """Ordinal vocabularies run from the corporate pole to the community pole."""

    def test_license_kinds(self) -> None:
        assert (
            LicenseKind.SHARECROPPING
            < LicenseKind.CORPORATE
            < LicenseKind.SHARING
            < LicenseKind.COMMONS
        )
        assert LicenseKind.lowest() is LicenseKind.SHARECROPPING
        assert LicenseKind.highest() is LicenseKind.COMMONS

    def test_reciprocity(self) -> None:
        assert Reciprocity.NONE < Reciprocity.WEAK < Reciprocity.STRONG < Reciprocity.NETWORK

    def test_step(self) -> None:
        assert Control.ORGANIZER.step(1) is Control.SHARED
        assert Control.PARTICIPANTS.step(1) is None
        assert Control.ORGANIZER.step(-1) is None

    def test_other_types_do_not_compare(self) -> None:
        with pytest.raises(TypeError):
            _ = Control.ORGANIZER < LicenseKind.COMMONS
        wire: object = "organizer"
        assert wire != Control.ORGANIZER

    @pytest.mark.parametrize("op", ["__lt__", "__le__", "__gt__", "__ge__"])
    def test_comparison_with_foreign_type(self, op: str) -> None:
        assert getattr(Control.SHARED, op)(1) is NotImplemented

    def test_comparisons(self) -> None:
        assert Control.SHARED >= Control.SHARED
        assert Control.SHARED <= Control.PARTICIPANTS
        assert Control.PARTICIPANTS > Control.SHARED

    def test_layers(self) -> None:
        assert [layer.value for layer in Layer] == [1, 2, 3, 4, 5]
        assert Layer.PARTNER_STATE.title == "partner state"

    def test_wire_values_are_stable(self) -> None:
        # The values are the document format: changing one breaks stored data.
        assert [m.value for m in Contribution] == [
            "nothing",
            "service_step",
            "assembly",
            "content",
            "designs",
            "code",
            "data",
            "ideas",
            "tasks",
            "gifts",
            "infrastructure",
            "creative_work",
        ]
        assert [m.value for m in Channel] == [
            "product_sales",
            "licensing",
            "attention",
            "subscriptions",
            "fees",
            "services",
            "donations",
            "none",
        ]
        assert [m.value for m in Captor] == [
            "organizer",
            "participants",
            "participant_vehicles",
            "anyone",
        ]
        assert [m.value for m in Relation] == ["competing", "independent", "connected"]
        assert [m.value for m in ValueCapture] == [
            "organizer",
            "revenue_share",
            "open_market",
            "participant_vehicles",
            "non_monetary",
        ]
