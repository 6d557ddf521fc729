"""The vocabularies of licensing: property regimes, reciprocity, contribution terms, exceptions.

Bauwens asks of every commons whether its license is a true commons license
(the GPL is his example), a sharing license in which each author decides how
much to share (Creative Commons), a corporate license with very limited
rights, or outright digital sharecropping, where the organizer takes the whole
of what participants make (FCJ-097, "The Second Layer"). :class:`LicenseKind`
orders these regimes; :class:`Reciprocity` records how strongly a license
makes derived work return to the commons; :class:`ContributionTerms` records
the inbound terms that can turn a commons into sharecropping.
"""

from __future__ import annotations

import enum

from peerprod.ordinal import OrdinalEnum

__all__ = ["ContributionTerms", "ExceptionEffect", "LicenseKind", "Reciprocity"]


@enum.unique
class LicenseKind(OrdinalEnum):
    """The property regime a license creates, ordered from least to most open."""

    SHARECROPPING = "sharecropping"
    """The organizer takes the whole of the participants' output for its own use."""
    CORPORATE = "corporate"
    """Proprietary, freeware or source-available terms that grant users little."""
    SHARING = "sharing"
    """Each author chooses a restriction (non-commercial, no derivatives) that makes the work
    non-free."""
    COMMONS = "commons"
    """Free and open terms, the same for every recipient: the work stays common."""


@enum.unique
class Reciprocity(OrdinalEnum):
    """How strongly a license obliges derived work to be shared back, weakest first."""

    NONE = "none"
    """No obligation to share derived work (permissive licenses, public domain)."""
    WEAK = "weak"
    """Copyleft at the level of a file or library (LGPL, MPL, EPL)."""
    STRONG = "strong"
    """Copyleft over the whole derived work, or share-alike (GPL, CC BY-SA)."""
    NETWORK = "network"
    """Copyleft also triggered by offering the work over a network (AGPL)."""


@enum.unique
class ContributionTerms(OrdinalEnum):
    """The terms under which work enters a commons, from most to least extractive.

    Outbound licenses alone rarely make a commons into digital sharecropping:
    the inbound terms do, by giving the organizer rights nobody else gets.
    """

    PLATFORM_CLAIM = "platform_claim"
    """Platform terms of service claim a perpetual, exclusive or sublicensable right to the
    work."""
    ASSIGNMENT_COMPANY = "assignment_company"
    """Contributors assign their copyright to a company."""
    CLA_COMPANY = "cla_company"
    """A contributor license agreement grants a company broad rights (e.g. to relicense)."""
    ASSIGNMENT_FOUNDATION = "assignment_foundation"
    """Contributors assign their copyright to a non-profit foundation."""
    CLA_FOUNDATION = "cla_foundation"
    """A non-exclusive contributor license agreement with a non-profit foundation."""
    DCO = "dco"
    """A Developer Certificate of Origin: contributors certify, and license inbound as
    outbound."""
    NONE = "none"
    """No terms beyond the outbound license (inbound equals outbound)."""

    @property
    def needs_holder(self) -> bool:
        """Whether these terms name a party that receives the rights."""
        return self not in (ContributionTerms.NONE, ContributionTerms.DCO)


@enum.unique
class ExceptionEffect(enum.Enum):
    """What a license exception (the part after ``WITH``) does to the license it follows."""

    LINKING = "linking"
    """Work that links to or uses the covered code need not share back: reciprocity is capped
    at weak."""
    PERMISSION = "permission"
    """A narrow extra permission (generated output, one named library): no change."""
    RIDER = "rider"
    """A restriction dressed as an exception (the Commons Clause): the kind falls to
    corporate."""
    UNDETERMINED = "undetermined"
    """The effect is not known: the verdict spans every reading."""
