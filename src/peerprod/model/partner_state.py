"""Layer 5: the partner state.

Bauwens asks whether public authorities orchestrate the relation between the
public sector, business and the commons so that a city, region or country
gains from the competition between entrepreneurial coalitions, his image being
Drupal against Joomla at a far larger scale (FCJ-097, "The Fifth Layer"). A
:class:`PartnerState` records one authority's engagement: the roles it plays,
its scale, and what it engages with.
"""

from __future__ import annotations

import enum

import attrs

from peerprod._validation import (
    check_enum,
    check_enum_set,
    check_id,
    check_id_tuple,
    check_text,
    to_frozenset,
    to_tuple,
)
from peerprod.ordinal import OrdinalEnum

__all__ = ["PartnerState", "PublicRole", "Scale"]


@enum.unique
class PublicRole(enum.Enum):
    """A role a public authority plays toward an ecosystem."""

    ORCHESTRATOR = "orchestrator"
    """Brings community, foundations and business together and sets the frame."""
    FUNDER = "funder"
    """Pays for the commons or its infrastructure."""
    CUSTOMER = "customer"
    """Buys products or services built on the commons."""
    REGULATOR = "regulator"
    """Sets rules the ecosystem must follow."""
    HOST = "host"
    """Hosts infrastructure, institutions or events."""


@enum.unique
class Scale(OrdinalEnum):
    """The territorial scale of a public authority, smallest first."""

    CITY = "city"
    """A municipality or metropolitan area."""
    REGION = "region"
    """A region, province or federated state."""
    STATE = "state"
    """A country."""
    SUPRANATIONAL = "supranational"
    """A union of states, such as the European Union."""


@attrs.frozen(kw_only=True)
class PartnerState:
    """A public authority's engagement with the ecosystem.

    Example:
        >>> p = PartnerState(id="eu-osor", authority="eu", scale=Scale.SUPRANATIONAL,
        ...                  roles={PublicRole.FUNDER, PublicRole.CUSTOMER})
        >>> sorted(r.value for r in p.roles)
        ['customer', 'funder']
    """

    id: str = attrs.field(validator=check_id)
    """The engagement's id, unique in its ecosystem."""
    authority: str = attrs.field(validator=check_id)
    """Id of the public-authority actor."""
    scale: Scale = attrs.field(validator=check_enum(Scale))
    """The authority's territorial scale."""
    roles: frozenset[PublicRole] = attrs.field(
        converter=to_frozenset, validator=check_enum_set(PublicRole, non_empty=True)
    )
    """The roles it plays; at least one."""
    engages: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=check_id_tuple)
    """Ids of what it engages with: coalitions, commons, platforms or actors."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""
