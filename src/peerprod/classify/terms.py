"""Contribution terms: whether a commons is digital sharecropping or a corporate commons.

The outbound license says what everyone may do with a commons; the inbound
terms say what the organizer alone may do with what participants give. Read
together with the kind of actor that receives the rights (which
:data:`~peerprod.model.references.HOLDER_KINDS` constrains), they decide
whether the arrangement is digital sharecropping (FCJ-097, "The Second Layer").
"""

from __future__ import annotations

import attrs

from peerprod._validation import check_enum
from peerprod.errors import InvalidValue
from peerprod.licenses import (
    ContributionTerms,
    Holder,
    License,
    LicenseKind,
    LicenseVerdict,
    Reciprocity,
    read_terms,
)
from peerprod.model.actors import ActorKind
from peerprod.model.references import HOLDER_KINDS, NON_PROFIT_KINDS

__all__ = ["TermsVerdict", "classify_terms"]


@attrs.frozen(kw_only=True)
class TermsVerdict:
    """What :func:`classify_terms` found about an outbound license and its inbound terms.

    Example:
        >>> v = classify_terms(License.from_spdx("GPL-2.0-only"),
        ...                    ContributionTerms.ASSIGNMENT_COMPANY, ActorKind.BUSINESS)
        >>> v.kind, v.corporate_commons
        (<LicenseKind.COMMONS: 'commons'>, True)
    """

    outbound_kind: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The kind of the outbound license alone."""
    outbound_reciprocity: Reciprocity = attrs.field(validator=check_enum(Reciprocity))
    """The reciprocity of the outbound license alone."""
    terms: ContributionTerms = attrs.field(validator=check_enum(ContributionTerms))
    """The inbound contribution terms."""
    holder_kind: ActorKind | None
    """The kind of party that receives rights under the terms, if named."""
    kind: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The regime of the arrangement as a whole: sharecropping where the holder takes the
    output for itself."""
    corporate_commons: bool
    """Whether a commons exists but a private holder alone controls it (for example by selling
    proprietary licenses of the same code)."""
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


def classify_terms(
    outbound: License | LicenseVerdict,
    terms: ContributionTerms,
    holder_kind: ActorKind | None = None,
) -> TermsVerdict:
    """Decide whether an arrangement is digital sharecropping or a corporate commons.

    An outbound license alone rarely makes sharecropping; the inbound terms do, when the
    organizer takes rights over the participants' work that nobody else gets and keeps the
    output for its own use (FCJ-097, "The Second Layer"). The rules:

    The rule itself is :func:`peerprod.licenses.read_terms`, which an expression that
    names a contributor agreement also uses; this function maps the holder's kind of
    actor onto it:

    * No terms, or a DCO: inbound equals outbound; the outbound kind stands.
    * Rights held by a non-profit (a foundation, a community, a public authority): they are
      held for the commons; the outbound kind stands.
    * Rights held by a private party (a business or an individual; an unnamed holder of
      company or platform terms counts as one): over a commons license the result is a
      *corporate commons*, a commons that only the holder may take private (a GPL project
      with copyright assigned to a company that sells proprietary licenses of the same
      code); over a sharing or corporate license it is *digital sharecropping*, since the
      holder alone may use what the participants made.

    Args:
        outbound: The outbound license, as a :class:`License` or a :class:`LicenseVerdict`
            of settled kind. A verdict whose reciprocity is not settled is read in its most
            open reading, the one every recipient may choose.
        terms: The inbound contribution terms.
        holder_kind: The kind of party that receives the rights, if known.

    Returns:
        The verdict, with reasons.

    Raises:
        LicenseError: ``outbound`` is a verdict whose kind is not settled.
        InvalidValue: ``terms`` is not a :class:`ContributionTerms`, or ``holder_kind``
            contradicts it (company terms held by a foundation, or the reverse).
        TypeError: ``outbound`` is neither a License nor a LicenseVerdict.

    Example:
        >>> gpl = License.from_spdx("GPL-3.0-only")
        >>> v = classify_terms(gpl, ContributionTerms.ASSIGNMENT_COMPANY, ActorKind.BUSINESS)
        >>> v.corporate_commons, v.sharecropping
        (True, False)
        >>> v = classify_terms(License.from_spdx("BUSL-1.1"), ContributionTerms.CLA_COMPANY)
        >>> v.kind
        <LicenseKind.SHARECROPPING: 'sharecropping'>
        >>> classify_terms(gpl, ContributionTerms.DCO).kind
        <LicenseKind.COMMONS: 'commons'>
    """
    if not isinstance(terms, ContributionTerms):
        raise InvalidValue("terms", terms, "must be a ContributionTerms member")
    if holder_kind is not None and not isinstance(holder_kind, ActorKind):
        raise InvalidValue("holder_kind", holder_kind, "must be an ActorKind member or None")
    given: object = outbound  # the annotation is not a promise callers keep at run time
    if isinstance(given, License):
        kind, reciprocity = given.kind, given.reciprocity
        name = given.expression or "the outbound license"
    elif isinstance(given, LicenseVerdict):
        if given.kind is None:
            raise given.unsettled_error()
        kind = given.kind
        reciprocity = given.reciprocity or given.high_reciprocity
        name = given.expression or "no license"
    else:
        msg = f"outbound must be a License or a LicenseVerdict, not {type(given).__name__}"
        raise TypeError(msg)
    allowed = HOLDER_KINDS.get(terms)
    if holder_kind is not None and allowed is not None and holder_kind not in allowed:
        wanted = " or ".join(repr(k.value) for k in ActorKind if k in allowed)
        raise InvalidValue("holder_kind", holder_kind, f"{terms.value} terms name a {wanted}")

    # The one licensing rule reads a Holder; the model says which kinds of actor are
    # non-profit, and which holder terms that name nobody in particular imply.
    holder: Holder | None = None
    if terms.needs_holder:
        if holder_kind is None:
            private = allowed is None or not allowed <= NON_PROFIT_KINDS
        else:
            private = holder_kind not in NON_PROFIT_KINDS
        holder = Holder.PRIVATE if private else Holder.NON_PROFIT
    elif holder_kind is not None:
        holder = Holder.NON_PROFIT if holder_kind in NON_PROFIT_KINDS else Holder.PRIVATE
    reading = read_terms(
        kind,
        reciprocity,
        terms,
        holder,
        outbound=name,
        holder_assumed=terms.needs_holder and holder_kind is None,
    )
    return TermsVerdict(
        outbound_kind=kind,
        outbound_reciprocity=reciprocity,
        terms=terms,
        holder_kind=holder_kind,
        kind=reading.kind,
        corporate_commons=reading.corporate_commons,
        reasons=reading.reasons,
    )
