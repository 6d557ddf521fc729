"""The License value: an SPDX expression and the property regime it creates."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from peerprod._validation import check_enum
from peerprod.errors import InvalidValue
from peerprod.licenses.expression import classify_license
from peerprod.licenses.kinds import LicenseKind, Reciprocity

if TYPE_CHECKING:
    from typing import Self

__all__ = ["License"]


def _check_reciprocity(
    instance: License, attribute: attrs.Attribute[Reciprocity], value: object
) -> None:
    check_enum(Reciprocity)(instance, attribute, value)
    # Any outbound regime can carry a duty (MPL-2.0 AND BUSL-1.1 is corporate with MPL's weak
    # one); sharecropping is what contribution terms make of a regime, never a license's own.
    if instance.kind is LicenseKind.SHARECROPPING and value is not Reciprocity.NONE:
        raise InvalidValue(
            attribute.name, value, "sharecropping is decided by contribution terms and has no duty"
        )


def _check_expression(
    _instance: License, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidValue(attribute.name, value, "must be a non-blank SPDX expression or None")


@attrs.frozen(kw_only=True)
class License:
    """The license of a commons: its SPDX expression and the regime it creates.

    Build one from its parts, or from an SPDX expression with :meth:`from_spdx`,
    which classifies it.

    Example:
        >>> gpl = License(expression="GPL-2.0-only", kind=LicenseKind.COMMONS,
        ...               reciprocity=Reciprocity.STRONG)
        >>> gpl.kind > LicenseKind.SHARING
        True
        >>> License.from_spdx("gpl-2.0-only") == gpl
        True
    """

    expression: str | None = attrs.field(default=None, validator=_check_expression)
    """The SPDX license expression, or None where the terms have no SPDX form."""
    kind: LicenseKind = attrs.field(validator=check_enum(LicenseKind))
    """The property regime the license creates."""
    reciprocity: Reciprocity = attrs.field(default=Reciprocity.NONE, validator=_check_reciprocity)
    """How strongly derived work must be shared back."""

    @classmethod
    def from_spdx(cls, expression: str) -> Self:
        """Classify an SPDX license expression into a License.

        The expression is stored in its normalized form (canonical ids, upper-case
        operators). Write ``NONE`` for a work without a license (all rights reserved).

        Args:
            expression: An SPDX license expression such as ``"MIT OR Apache-2.0"``.

        Returns:
            The License, with the kind and reciprocity of :func:`classify_license`.

        Raises:
            LicenseError: The text is not a license expression, or it does not settle one
                kind and one reciprocity (an unknown id that could change the answer).

        Example:
            >>> License.from_spdx("GPL-2.0+")
            License(expression='GPL-2.0-or-later', kind=<LicenseKind.COMMONS: 'commons'>, reciprocity=<Reciprocity.STRONG: 'strong'>)
            >>> License.from_spdx("GPL-2.0-onyl")
            Traceback (most recent call last):
            ...
            peerprod.errors.LicenseError: license expression 'GPL-2.0-onyl': unknown license id 'GPL-2.0-onyl' at position 0 (did you mean 'GPL-2.0-only' or 'LGPL-2.0-only' or 'GPL-3.0-only'?)
        """  # noqa: E501
        verdict = classify_license(expression)
        kind, reciprocity = verdict.kind, verdict.reciprocity
        if kind is None or reciprocity is None:
            raise verdict.unsettled_error(expression)
        return cls(expression=verdict.expression, kind=kind, reciprocity=reciprocity)
