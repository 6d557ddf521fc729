"""The actors of an ecosystem: communities, foundations, businesses, public authorities.

Bauwens reads every ecosystem through a triad of community, non-profit
foundation and business, which becomes a quaternary structure when a public
authority takes part. Individual participants appear where an arrangement
needs to name one.
"""

from __future__ import annotations

import enum

import attrs

from peerprod._validation import check_enum, check_id, check_optional_text, check_text

__all__ = ["Actor", "ActorKind"]


@enum.unique
class ActorKind(enum.Enum):
    """What kind of party an actor is."""

    COMMUNITY = "community"
    """A community of contributors or users, formal or not."""
    FOUNDATION = "foundation"
    """A non-profit institution that holds or serves a commons (the FLOSS foundations)."""
    BUSINESS = "business"
    """A for-profit company."""
    COOPERATIVE = "cooperative"
    """A business its workers or members own: a vehicle of the participants themselves."""
    PUBLIC_AUTHORITY = "public_authority"
    """A government or public body at any scale."""
    INDIVIDUAL = "individual"
    """One person, where an arrangement needs to name a participant."""


@attrs.frozen(kw_only=True)
class Actor:
    """A party in an ecosystem, identified by a stable id.

    Example:
        >>> lf = Actor(id="lf", kind=ActorKind.FOUNDATION, name="Linux Foundation")
        >>> lf.kind
        <ActorKind.FOUNDATION: 'foundation'>
    """

    id: str = attrs.field(validator=check_id)
    """The actor's id, unique in its ecosystem."""
    kind: ActorKind = attrs.field(validator=check_enum(ActorKind))
    """Which kind of party this is."""
    name: str = attrs.field(validator=check_text(allow_empty=False))
    """A human-readable name."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text: who they are, from public facts."""
    url: str | None = attrs.field(default=None, validator=check_optional_text)
    """Where to read more, if known."""
