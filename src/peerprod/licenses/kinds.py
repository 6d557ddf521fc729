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

__all__ = ["ContributionTerms", "ExceptionEffect", "Holder", "LicenseKind", "Reciprocity"]


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
    """How strongly a license obliges those who use the work to give back, weakest first.

    Under ``AND`` the duties of every part bind at once, so a corporate or sharing
    expression can carry a share-back duty (``MPL-2.0 AND BUSL-1.1``: corporate, weak).
    """

    NONE = "none"
    """No obligation to share derived work (permissive licenses, public domain)."""
    WEAK = "weak"
    """Copyleft at the level of a file or library (LGPL, MPL, EPL)."""
    STRONG = "strong"
    """Copyleft over the whole derived work, or share-alike (GPL, CC BY-SA)."""
    NETWORK = "network"
    """Copyleft also triggered by offering the work over a network or deploying it for others
    to use (AGPL, OSL, EUPL 1.1 and later), whatever the scope of what must be shared."""
    COPYFAIR = "copyfair"
    """Copyleft plus reciprocity demanded of commercial users: commercial use is reserved to
    the commons' own producers (cooperatives, non-profits, commoners) unless the user
    contributes back (the Peer Production License, the CoopCycle License)."""


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
    """What a license exception (the part after ``WITH``) does to the license it follows.

    Read from each exception's text: what it frees decides the effect. The three kinds of
    freedom that let the covered code travel into works that need not be shared back
    (:attr:`LINKING`, :attr:`OUTPUT`, :attr:`BOUNDARY`) cap reciprocity at weak; a permission
    that leaves every derived work under the license (:attr:`PERMISSION`) keeps it.
    """

    LINKING = "linking"
    """Works that link to or use the covered code need not share back (the Classpath and
    GCC runtime exceptions): reciprocity is capped at weak."""
    OUTPUT = "output"
    """What a tool generates, or the portions of the covered code that compiling or
    typesetting embeds in another work, may go out on any terms (Bison, Autoconf, LLVM):
    reciprocity is capped at weak."""
    BOUNDARY = "boundary"
    """The exception draws the edge of the covered code (system calls, protocols, plug-in
    interfaces, example code) and frees what lies beyond it (the Linux syscall note):
    reciprocity is capped at weak."""
    PERMISSION = "permission"
    """A narrow extra permission that leaves every derived work under the license (linking
    with one named library such as OpenSSL, unmodified binaries, a patent grant): no
    change."""
    RIDER = "rider"
    """A restriction dressed as an exception (the Commons Clause): the kind falls to
    corporate; the license's duties still bind."""
    UNDETERMINED = "undetermined"
    """The effect is not known: the verdict spans every reading."""


@enum.unique
class Holder(enum.Enum):
    """Who receives the rights that contribution terms grant, as far as licensing cares.

    :mod:`peerprod.classify.terms` maps an actor's kind onto these through
    :data:`peerprod.model.references.NON_PROFIT_KINDS`.
    """

    PRIVATE = "private"
    """A business or an individual: the rights can be used for private gain."""
    NON_PROFIT = "non_profit"
    """A foundation, a community or a public authority: the rights are held for the
    commons."""
