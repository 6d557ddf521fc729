"""The algebra of license expressions, tested as laws (issue 12).

The kind of a verdict is the meet of the parts' kinds under AND and their join under OR;
under AND the duties of every part add up; under OR the recipient takes the alternative
most open to them, with its duties. Expressions denote down-sets of readings, so the laws
of a distributive lattice hold for the whole range a verdict spans.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from peerprod.licenses import LicenseKind, Reciprocity, classify_license
from peerprod.licenses.algebra import position
from peerprod.strategies._licenses import license_expressions, spdx_exception_ids, spdx_ids

_settled_pool: list[str] = []


def settled_ids() -> st.SearchStrategy[str]:
    """License ids with a definite reading (no range, no contributor terms)."""

    def pool() -> st.SearchStrategy[str]:
        if not _settled_pool:
            from peerprod.licenses.mapping import known_ids

            _settled_pool.extend(
                i
                for i in known_ids()
                if classify_license(i).definite and classify_license(i).terms is None
            )
        return st.sampled_from(_settled_pool)

    return st.deferred(pool)


_settled_exceptions: list[str] = []


def settled_exceptions() -> st.SearchStrategy[str]:
    """Exception ids whose effect is decided (an undetermined one leaves a range)."""

    def pool() -> st.SearchStrategy[str]:
        if not _settled_exceptions:
            from peerprod.licenses.mapping import known_ids

            exceptions = known_ids(exceptions=True)
            _settled_exceptions.extend(
                e for e in exceptions if classify_license(f"GPL-2.0-only WITH {e}").definite
            )
        return st.sampled_from(_settled_exceptions)

    return st.deferred(pool)


def bounds(expression: str) -> tuple[int, int]:
    v = classify_license(expression)
    return position(v.low, v.low_reciprocity), position(v.high, v.high_reciprocity)


def reading(expression: str) -> tuple[LicenseKind, Reciprocity]:
    v = classify_license(expression)
    assert v.kind is not None, v.reasons
    assert v.reciprocity is not None, v.reasons
    return v.kind, v.reciprocity


def p(expression: str) -> str:
    return f"({expression})"


expressions = license_expressions(max_leaves=6)


class TestLatticeLaws:
    """AND and OR obey the laws of a distributive lattice over the whole range."""

    @given(expressions)
    def test_idempotence(self, a: str) -> None:
        assert bounds(f"{p(a)} OR {p(a)}") == bounds(a)
        assert bounds(f"{p(a)} AND {p(a)}") == bounds(a)

    @given(expressions, expressions)
    def test_commutativity(self, a: str, b: str) -> None:
        assert bounds(f"{p(a)} OR {p(b)}") == bounds(f"{p(b)} OR {p(a)}")
        assert bounds(f"{p(a)} AND {p(b)}") == bounds(f"{p(b)} AND {p(a)}")

    @given(expressions, expressions, expressions)
    def test_associativity(self, a: str, b: str, c: str) -> None:
        for op in ("OR", "AND"):
            left = f"({p(a)} {op} {p(b)}) {op} {p(c)}"
            right = f"{p(a)} {op} ({p(b)} {op} {p(c)})"
            assert bounds(left) == bounds(right)

    @given(expressions, expressions)
    def test_absorption(self, a: str, b: str) -> None:
        assert bounds(f"{p(a)} OR ({p(a)} AND {p(b)})") == bounds(a)
        assert bounds(f"{p(a)} AND ({p(a)} OR {p(b)})") == bounds(a)

    @given(expressions, expressions, expressions)
    def test_distributivity(self, a: str, b: str, c: str) -> None:
        assert bounds(f"{p(a)} AND ({p(b)} OR {p(c)})") == bounds(
            f"({p(a)} AND {p(b)}) OR ({p(a)} AND {p(c)})"
        )
        assert bounds(f"{p(a)} OR ({p(b)} AND {p(c)})") == bounds(
            f"({p(a)} OR {p(b)}) AND ({p(a)} OR {p(c)})"
        )


class TestKindIsMeetAndJoin:
    """The kind under AND is the meet (the least open) and under OR the join."""

    @given(expressions, expressions)
    def test_most_open_kind(self, a: str, b: str) -> None:
        va, vb = classify_license(a), classify_license(b)
        assert classify_license(f"{p(a)} OR {p(b)}").high == max(va.high, vb.high)
        assert classify_license(f"{p(a)} AND {p(b)}").high == min(va.high, vb.high)

    @given(license_expressions(ids=settled_ids(), exception_ids=st.just("Classpath-exception-2.0")))
    def test_settled_kind(self, a: str) -> None:
        b = "CC-BY-NC-4.0"
        ka, kb = reading(a)[0], reading(b)[0]
        assert reading(f"{p(a)} OR {b}")[0] == max(ka, kb)
        assert reading(f"{p(a)} AND {b}")[0] == min(ka, kb)


class TestDuties:
    """Under AND the duties add up; under OR they follow the recipient's choice."""

    @given(st.lists(settled_ids(), min_size=1, max_size=5))
    def test_and_accumulates(self, ids: list[str]) -> None:
        readings = [reading(i) for i in ids]
        kind, duty = reading(" AND ".join(ids))
        assert kind == min(k for k, _ in readings)
        assert duty == max(d for _, d in readings)

    @given(st.lists(settled_ids(), min_size=1, max_size=5))
    def test_or_follows_the_choice(self, ids: list[str]) -> None:
        readings = [reading(i) for i in ids]
        chosen = max(readings, key=lambda r: position(*r))
        assert reading(" OR ".join(ids)) == chosen

    def test_the_issue_cases(self) -> None:
        assert reading("MPL-2.0 AND BUSL-1.1") == (LicenseKind.CORPORATE, Reciprocity.WEAK)
        assert reading("CC-BY-SA-4.0 AND CC-BY-NC-ND-4.0") == (
            LicenseKind.SHARING,
            Reciprocity.STRONG,
        )


class TestMonotonicity:
    """Stronger terms in a part never make the whole more open (in the order of terms)."""

    @given(
        license_expressions(
            ids=settled_ids() | st.just("HOLE"), exception_ids=settled_exceptions(), max_leaves=6
        ).filter(lambda t: "HOLE" in t and "HOLE WITH" not in t),
        settled_ids(),
        settled_ids(),
    )
    def test_monotone(self, template: str, x: str, y: str) -> None:
        (kx, dx), (ky, dy) = reading(x), reading(y)
        assume(kx <= ky and dx >= dy)  # x's terms are at least as strong as y's
        k1, d1 = reading(template.replace("HOLE", p(x)))
        k2, d2 = reading(template.replace("HOLE", p(y)))
        assert k1 <= k2
        assert d1 >= d2 or k1 < k2


class TestExceptions:
    """An exception never opens the kind of the license it follows."""

    @given(spdx_ids(), spdx_exception_ids())
    def test_exceptions_never_open_the_kind(self, license_id: str, exception: str) -> None:
        base = classify_license(license_id)
        v = classify_license(f"{license_id} WITH {exception}")
        assert v.low <= base.low
        assert v.high <= base.high
        assert v.high_reciprocity <= base.high_reciprocity or v.high < base.high
