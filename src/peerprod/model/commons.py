"""Layer 2: the open design commons, its community and its physical infrastructure.

A commons pools knowledge, software or designs under a license that decides
what kind of property it is (see :mod:`peerprod.licenses`). Bauwens also reads
open design as a new kind of productive infrastructure: designs made in the
open tend toward modularity, low capital thresholds and sustainability
(FCJ-097, "The Second Layer"). Those design qualities are optional facts here.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from peerprod._validation import (
    check_enum,
    check_enum_set,
    check_id,
    check_id_tuple,
    check_optional_bool,
    check_optional_id,
    check_text,
    to_frozenset,
    to_tuple,
)
from peerprod.errors import InvalidValue
from peerprod.licenses.kinds import ContributionTerms
from peerprod.licenses.license import License
from peerprod.ordinal import OrdinalEnum

__all__ = ["CapitalThreshold", "Commons", "DesignQualities", "Resource"]


@enum.unique
class Resource(enum.Enum):
    """What a commons pools."""

    SOFTWARE = "software"
    """Source code and the programs built from it."""
    KNOWLEDGE = "knowledge"
    """Text, reference works, documentation, discussion archives."""
    DESIGNS = "designs"
    """Designs of physical or digital things: models, schematics, patterns."""
    DATA = "data"
    """Data sets and databases."""
    MEDIA = "media"
    """Pictures, video, music and other creative content."""
    PHYSICAL_INFRASTRUCTURE = "physical_infrastructure"
    """Shared machines, workshops, networks or buildings."""


@enum.unique
class CapitalThreshold(OrdinalEnum):
    """How much capital it takes to produce from the designs, highest first."""

    HIGH = "high"
    """Industrial plant or large up-front investment."""
    MEDIUM = "medium"
    """A small workshop or a modest investment."""
    LOW = "low"
    """Household tools, a personal computer, a shared fab lab."""


@attrs.frozen(kw_only=True)
class DesignQualities:
    """The qualities of open design that make a commons productive infrastructure.

    Every fact is optional: None means "not known", never "no".
    """

    modular: bool | None = attrs.field(default=None, validator=check_optional_bool)
    """Whether the designs are built from interchangeable modules."""
    capital_threshold: CapitalThreshold | None = attrs.field(
        default=None, validator=check_enum(CapitalThreshold, optional=True)
    )
    """How much capital production from the designs requires."""
    sustainable: bool | None = attrs.field(default=None, validator=check_optional_bool)
    """Whether the designs are made for repair, reuse and low resource use."""


def _check_terms_holder(instance: Commons, attribute: attrs.Attribute[Any], value: object) -> None:
    check_optional_id(instance, attribute, value)
    needs = instance.contribution_terms.needs_holder
    if needs and value is None:
        raise InvalidValue(
            attribute.name,
            value,
            f"is required by contribution_terms={instance.contribution_terms.value!r}: "
            "name the actor that receives the rights",
        )
    if not needs and value is not None:
        raise InvalidValue(
            attribute.name,
            value,
            f"conflicts with contribution_terms={instance.contribution_terms.value!r}, "
            "which give nobody extra rights",
        )


@attrs.frozen(kw_only=True)
class Commons:
    """A shared pool of knowledge, software or designs, under a license.

    Example:
        >>> from peerprod import License, LicenseKind, Reciprocity
        >>> kernel = Commons(
        ...     id="linux-kernel", name="Linux kernel", resources={Resource.SOFTWARE},
        ...     license=License(expression="GPL-2.0-only", kind=LicenseKind.COMMONS,
        ...                     reciprocity=Reciprocity.STRONG),
        ...     contribution_terms=ContributionTerms.DCO)
        >>> kernel.license.kind.value
        'commons'
    """

    id: str = attrs.field(validator=check_id)
    """The commons' id, unique in its ecosystem."""
    name: str = attrs.field(validator=check_text(allow_empty=False))
    """A human-readable name."""
    resources: frozenset[Resource] = attrs.field(
        converter=to_frozenset, validator=check_enum_set(Resource, non_empty=True)
    )
    """What the commons pools; at least one kind."""
    license: License = attrs.field(validator=attrs.validators.instance_of(License))
    """The outbound license of the commons."""
    contribution_terms: ContributionTerms = attrs.field(
        default=ContributionTerms.NONE, validator=check_enum(ContributionTerms)
    )
    """The terms under which work enters the commons."""
    terms_holder: str | None = attrs.field(default=None, validator=_check_terms_holder)
    """Id of the actor that receives rights under the contribution terms, if they name one."""
    platform: str | None = attrs.field(default=None, validator=check_optional_id)
    """Id of the platform on which the commons is built, if modelled."""
    community: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=check_id_tuple
    )
    """Ids of the actors (communities, individuals) that produce and maintain it."""
    design: DesignQualities | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(DesignQualities)),
    )
    """Open-design qualities, where known."""
    description: str = attrs.field(default="", validator=check_text())
    """Free text, from public facts."""
