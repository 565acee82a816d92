"""`<stem>.meta.json` beside a release: read and validated against a schema (pydantic) before any field is used.

Every field is optional; an unknown field, a wrong type, a date that is no ISO date or a value out of range is a
MetaFileError naming the field, so that one bad sidecar fails its own release only and the batch goes on.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError, field_validator

from index.errors import MetaFileError, json_type

_Name = Annotated[StrictStr, Field(min_length=1, max_length=200)]


class Sidecar(BaseModel):
    """The fields a sidecar may set (those of index.metadata.ReleaseMeta and its fiscal calendar)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    company: _Name | None = None
    short_name: _Name | None = None
    ticker: Annotated[StrictStr, Field(min_length=1, max_length=20)] | None = None
    period: _Name | None = None
    period_end: date | None = None
    months: Literal[0, 3, 6, 9, 12] | None = None
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")] | None = None
    scale: Literal[1, 1_000, 100_000, 1_000_000, 10_000_000, 1_000_000_000] | None = None
    release_date: date | None = None
    fiscal_year_end_month: Annotated[StrictInt, Field(ge=1, le=12)] | None = None
    fiscal_label_shift: Annotated[StrictInt, Field(ge=-1, le=1)] | None = None
    fx_rate: Annotated[Decimal, Field(gt=0, lt=1_000_000, allow_inf_nan=False)] | None = None
    bare_years: StrictBool | None = None

    @field_validator("period_end", "release_date", mode="before")
    @classmethod
    def _iso_date(cls, v: Any) -> Any:
        if v is not None and not (isinstance(v, str) and len(v) == 10):
            raise ValueError("expected an ISO date string such as \"2025-06-30\"")
        return v

    @field_validator("fx_rate", mode="before")
    @classmethod
    def _number(cls, v: Any) -> Any:
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float | str)):
            raise ValueError("expected a number")
        return v

    def fields(self) -> dict[str, Any]:
        """The fields the sidecar sets (null is 'not set')."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def sidecar_bytes(path: Path) -> bytes | None:
    """The bytes of the release's sidecar, or None when it has none."""
    side = sidecar_path(path)
    try:
        return side.read_bytes() if side.is_file() else None
    except OSError:  # a name too long for a sidecar to exist beside it, or an unreadable folder: none
        return None


def read_sidecar(path: Path) -> Sidecar | None:
    """The validated sidecar of the release at `path`, or None when it has none."""
    data = sidecar_bytes(path)
    if data is None:
        return None
    side = sidecar_path(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise MetaFileError(path, side.name, f"not UTF-8 text (byte {e.start})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise MetaFileError(path, side.name, f"not JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    if not isinstance(obj, dict):
        raise MetaFileError(path, side.name, f"expected a JSON object of fields, found {json_type(obj)}")
    try:
        return Sidecar.model_validate(obj)
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "?"
        msg = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
        known = f" (known: {', '.join(Sidecar.model_fields)})" if first["type"] == "extra_forbidden" else ""
        raise MetaFileError(path, side.name, f"field '{field}': {msg}{known}") from None

