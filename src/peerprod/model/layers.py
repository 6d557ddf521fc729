"""The five layers of a peer-production ecosystem.

Bauwens describes a peer-production ecosystem as five concentric layers, from
the platform on which people collaborate out to the public authorities that
may orchestrate the whole (Bauwens, "Co-creation and the new industrial
paradigm of peer production", Fibreculture Journal FCJ-097).
"""

from __future__ import annotations

import enum

__all__ = ["Layer"]


@enum.unique
class Layer(enum.IntEnum):
    """One of the five layers; the value is the layer's number, 1 to 5.

    Example:
        >>> Layer.FUNDING_ECOLOGY.value, Layer.FUNDING_ECOLOGY.title
        (4, 'funding ecology')
    """

    PLATFORM = 1
    """The collaborative platform: the socio-technical infrastructure of cooperation."""
    COMMONS = 2
    """The open design commons, its community, and the physical infrastructure it seeds."""
    COALITION = 3
    """The entrepreneurial coalition of businesses that live off the commons."""
    FUNDING_ECOLOGY = 4
    """The channels through which market returns flow back to the commons."""
    PARTNER_STATE = 5
    """The public authorities that orchestrate the public, private and commons triad."""

    @property
    def title(self) -> str:
        """A short lower-case name for the layer, for tables and pictures."""
        return _TITLES[self]


_TITLES = {
    Layer.PLATFORM: "collaborative platform",
    Layer.COMMONS: "open design commons",
    Layer.COALITION: "entrepreneurial coalition",
    Layer.FUNDING_ECOLOGY: "funding ecology",
    Layer.PARTNER_STATE: "partner state",
}
