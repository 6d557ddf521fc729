"""Reading contribution terms against an outbound license: the one logic for both paths.

The outbound license says what everyone may do with a commons; the inbound terms say
what the organizer alone may do with what participants give. Digital sharecropping
lives in those terms (FCJ-097, "The Second Layer"): when a private holder takes rights
over the participants' work that nobody else gets, a commons license becomes a
*corporate commons* and a sharing or corporate license becomes sharecropping.

:func:`read_terms` is that rule. :func:`peerprod.licenses.classify_license` uses it
for contributor agreements written into an expression
(``MIT AND LicenseRef-scancode-google-cla``), and
:func:`peerprod.classify.terms.classify_terms` uses it after mapping the holder's
kind of actor onto a :class:`~peerprod.licenses.kinds.Holder`.
"""

from __future__ import annotations

from typing import Final

import attrs

from peerprod._validation import check_enum
from peerprod.errors import InvalidValue
from peerprod.licenses.algebra import phrase
from peerprod.licenses.kinds import ContributionTerms, Holder, LicenseKind, Reciprocity

__all__ = ["TermsReading", "read_terms"]


@attrs.frozen(kw_only=True)
class TermsReading:
    """What contribution terms do to the regime of an outbound license.

    Example:
        >>> r = read_terms(LicenseKind.COMMONS, Reciprocity.STRONG,
        ...                ContributionTerms.CLA_COMPANY, Holder.PRIVATE)
        >>> r.kind, r.corporate_commons, r.sharecropping
        (<LicenseKind.COMMONS: 'commons'>, True, False)
    """

    outbound_kind: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The kind of the outbound license alone."""
    outbound_reciprocity: Reciprocity = attrs.field(validator=check_enum(Reciprocity))
    """The reciprocity of the outbound license alone."""
    terms: ContributionTerms = attrs.field(validator=check_enum(ContributionTerms))
    """The inbound contribution terms."""
    holder: Holder | None = None
    """Who receives the rights the terms grant; None where the terms name nobody."""
    kind: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The regime of the arrangement as a whole: sharecropping where a private holder takes
    the output for itself."""
    corporate_commons: bool = False
    """Whether a commons exists but a private holder alone controls it."""
    reasons: tuple[str, ...] = ()
    """Why, step by step."""

    @property
    def asymmetric(self) -> bool:
        """Whether the terms give the holder rights that other recipients do not get."""
        return self.terms.needs_holder

    @property
    def sharecropping(self) -> bool:
        """Whether the arrangement is digital sharecropping."""
        return self.kind is LicenseKind.SHARECROPPING


WHAT_TERMS_DO: Final = {
    ContributionTerms.PLATFORM_CLAIM: (
        "the platform's terms claim a perpetual, exclusive or sublicensable right to what "
        "participants make"
    ),
    ContributionTerms.ASSIGNMENT_COMPANY: "contributors assign their copyright to the holder",
    ContributionTerms.CLA_COMPANY: (
        "a contributor agreement grants the holder broad rights, including to relicense"
    ),
    ContributionTerms.ASSIGNMENT_FOUNDATION: "contributors assign their copyright to the holder",
    ContributionTerms.CLA_FOUNDATION: (
        "a non-exclusive contributor agreement grants the holder rights beyond the outbound license"
    ),
    ContributionTerms.DCO: (
        "a Developer Certificate of Origin only certifies the contribution: inbound equals "
        "outbound, so nobody gets rights that others lack"
    ),
    ContributionTerms.NONE: (
        "contributions come in under the outbound license itself: nobody gets rights that "
        "others lack"
    ),
}
"""What each kind of terms does, in a sentence (the second reason of every reading)."""


def read_terms(
    kind: LicenseKind,
    reciprocity: Reciprocity,
    terms: ContributionTerms,
    holder: Holder | None = None,
    *,
    outbound: str = "the outbound license",
    holder_assumed: bool = False,
) -> TermsReading:
    """Decide whether terms make an outbound license a corporate commons or sharecropping.

    The rules:

    * No terms, or a DCO: inbound equals outbound; the outbound kind stands.
    * Rights held by a non-profit: they are held for the commons; the kind stands.
    * Rights held by a private party: over a commons license the result is a corporate
      commons, a commons that only the holder may take private; over a sharing or
      corporate license it is digital sharecropping, since the holder alone may use what
      the participants made.

    Args:
        kind: The kind of the outbound license.
        reciprocity: Its reciprocity.
        terms: The inbound contribution terms.
        holder: Who receives the rights; required when the terms name a party.
        outbound: How to name the outbound license in the reasons.
        holder_assumed: The holder was not named but inferred from the terms; the reasons
            say so.

    Returns:
        The reading, with reasons.

    Raises:
        InvalidValue: The terms name a party but ``holder`` is None, or an argument is not
            a member of its vocabulary.

    Example:
        >>> read_terms(LicenseKind.CORPORATE, Reciprocity.NONE,
        ...            ContributionTerms.CLA_COMPANY, Holder.PRIVATE).kind
        <LicenseKind.SHARECROPPING: 'sharecropping'>
        >>> read_terms(LicenseKind.COMMONS, Reciprocity.NONE, ContributionTerms.DCO).kind
        <LicenseKind.COMMONS: 'commons'>
    """
    if not isinstance(terms, ContributionTerms):
        raise InvalidValue("terms", terms, "must be a ContributionTerms member")
    if holder is not None and not isinstance(holder, Holder):
        raise InvalidValue("holder", holder, "must be a Holder member or None")
    reasons = [f"outbound: {outbound} is {phrase(kind, reciprocity)}", WHAT_TERMS_DO[terms]]
    result, corporate_commons = kind, False
    if terms.needs_holder:
        if holder is None:
            raise InvalidValue("holder", holder, f"{terms.value} terms name who holds the rights")
        private = holder is Holder.PRIVATE
        if holder_assumed:
            reasons.append(
                "the holder is not named; these terms are read as held by "
                + ("a private party" if private else "a non-profit")
            )
        if not private:
            reasons.append(
                "the holder is a non-profit, so its extra rights are held for the commons, "
                "not for private use"
            )
        elif kind is LicenseKind.COMMONS:
            corporate_commons = True
            if reciprocity > Reciprocity.NONE:
                reasons.append(
                    "the copyleft binds everyone except the holder, who alone may release the "
                    "work on other terms (for example by selling proprietary licenses of the "
                    "same code): a corporate commons, not a pure commons"
                )
            else:
                reasons.append(
                    "everyone may reuse the work, but the holder alone controls its licensing, "
                    "future versions included: a corporate commons, not a pure commons"
                )
        elif kind is not LicenseKind.SHARECROPPING:
            result = LicenseKind.SHARECROPPING
            reasons.append(
                "the holder gains rights over the participants' work that nobody else gets, "
                f"and the {kind.value} outbound terms keep the output from everyone else: "
                "digital sharecropping"
            )
    elif holder is not None:
        reasons.append("these terms give no one extra rights, so the holder makes no difference")
    return TermsReading(
        outbound_kind=kind,
        outbound_reciprocity=reciprocity,
        terms=terms,
        holder=holder,
        kind=result,
        corporate_commons=corporate_commons,
        reasons=tuple(reasons),
    )
