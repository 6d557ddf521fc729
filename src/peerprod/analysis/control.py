"""Who controls each platform (layer 1) and each coalition (layer 3) of an ecosystem.

The first question Bauwens puts to a platform is who drives it: its community, a
non-profit institution, or a corporation that opened its own platform to outsiders
(FCJ-097, "The First Layer"). :func:`platform_control` answers it for every platform.
For the coalitions, see :func:`peerprod.classify.coalitions.coalition_structure` (one
coalition) and :func:`peerprod.analysis.analyse` (all of them, with the rest of the
ecosystem).

Example:
    >>> from peerprod import cases
    >>> [c.platform for c in platform_control(cases.load("lego")) if c.corporate_opened]
    ['lego-factory-site', 'lego-world-platform']
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import attrs

from peerprod.classify.coalitions import CoalitionStructure, coalition_structure
from peerprod.model.actors import ActorKind

if TYPE_CHECKING:
    from peerprod.model.ecosystem import Ecosystem

__all__ = ["PlatformControl", "coalition_concentration", "platform_control"]


@attrs.frozen(kw_only=True)
class PlatformControl:
    """Who started a platform, who runs it now, and whether outsiders may join.

    This is the first question Bauwens puts to a platform (FCJ-097, "The First
    Layer"): is it driven by its community, by a non-profit institution, or is
    it a corporate platform opened to outside participants?

    Example:
        >>> from peerprod import cases
        >>> [(c.platform, c.corporate_opened) for c in platform_control(cases.load("lego"))]
        [('lego-factory-site', True), ('lego-world-platform', True), ('lugnet-org', False)]
    """

    platform: str
    """Id of the platform."""
    operator: str
    """Id of the actor that controls it now."""
    operator_kind: ActorKind
    """The kind of that actor."""
    initiators: tuple[str, ...]
    """Ids of the actors that started it."""
    initiator_kinds: tuple[ActorKind, ...]
    """Their kinds, in the same order."""
    open_to_outsiders: bool
    """Whether people outside the operator may take part."""

    @property
    def handed_over(self) -> bool:
        """Whether the operator is none of the initiators (a foundation now runs it, say)."""
        return self.operator not in self.initiators

    @property
    def corporate_opened(self) -> bool:
        """Whether it is a corporate platform opened to outside participants."""
        return self.operator_kind is ActorKind.BUSINESS and self.open_to_outsiders


def platform_control(ecosystem: Ecosystem) -> tuple[PlatformControl, ...]:
    """Which actor controls each platform, and who started it.

    Args:
        ecosystem: The ecosystem (:func:`peerprod.graphs.from_graph` gives one from a graph).

    Returns:
        One entry per platform, in document order.

    Example:
        >>> from peerprod import cases
        >>> [(c.platform, c.operator_kind.value, c.handed_over)
        ...  for c in platform_control(cases.load("linux"))]
        [('kernel-org', 'foundation', True)]
    """
    eco = ecosystem
    return tuple(
        PlatformControl(
            platform=p.id,
            operator=p.operator,
            operator_kind=eco.actor(p.operator).kind,
            initiators=p.initiators,
            initiator_kinds=tuple(eco.actor(i).kind for i in p.initiators),
            open_to_outsiders=p.open_to_outsiders,
        )
        for p in eco.platforms
    )


def coalition_concentration(ecosystem: Ecosystem) -> tuple[CoalitionStructure, ...]:
    """Deprecated: the structure of each coalition, as :func:`coalition_structure` gives it.

    Kept for code written against ``peerprod.graph``; use
    :func:`peerprod.classify.coalitions.coalition_structure` on each coalition, or the
    coalitions of :func:`peerprod.analysis.analyse`.

    Example:
        >>> import warnings
        >>> from peerprod import cases
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", DeprecationWarning)
        ...     [c.verdict.value for c in coalition_concentration(cases.load("linux"))]
        ['equal_say']
    """
    warnings.warn(
        "coalition_concentration is deprecated; use coalition_structure on each coalition, "
        "or peerprod.analyse(ecosystem)",
        DeprecationWarning,
        stacklevel=2,
    )
    return tuple(coalition_structure(c) for c in ecosystem.coalitions)
