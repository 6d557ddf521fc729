"""Layer 1: the collaborative platform.

The first question Bauwens asks of a platform is who drives it: a community
that built it, a non-profit foundation that now runs it, or a corporation that
opened its own platform to outside participants (FCJ-097, "The First Layer").
A platform records who initiated it, who operates it now and, where another
party owns it, its owner; the kinds of those actors (looked up in the
:class:`~peerprod.Ecosystem`) answer the question.
"""

from __future__ import annotations

import attrs

from peerprod._validation import (
    check_bool,
    check_id,
    check_id_tuple,
    check_optional_id,
    check_optional_text,
    check_text,
    to_tuple,
)

__all__ = ["Platform"]


@attrs.frozen(kw_only=True)
class Platform:
    """A socio-technical platform on which people work together.

    Example:
        >>> Platform(id="kernel-org", name="kernel.org", initiators=("linux-community",),
        ...          operator="linux-foundation").operator
        'linux-foundation'
    """

    id: str = attrs.field(validator=check_id)
    """The platform's id, unique in its ecosystem."""
    name: str = attrs.field(validator=check_text(allow_empty=False))
    """A human-readable name."""
    initiators: tuple[str, ...] = attrs.field(converter=to_tuple, validator=check_id_tuple)
    """Ids of the actors that started the platform."""
    operator: str = attrs.field(validator=check_id)
    """Id of the actor that runs and controls the platform now."""
    owner: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the actor that owns the platform, when it is not the operator (a parent
    company that owns the subsidiary that runs it, say)."""
    open_to_outsiders: bool = attrs.field(default=True, validator=check_bool)
    """Whether people outside the operator may take part."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""
    url: str | None = attrs.field(default=None, validator=check_optional_text)
    """Where to find the platform, if it has an address."""
