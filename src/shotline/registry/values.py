"""Turning filter values (JSON or query-string text) into typed Python values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shotline.registry.entities import FieldType

TRUE = frozenset({"true", "1", "yes"})
FALSE = frozenset({"false", "0", "no"})


class BadValue(ValueError):
    pass


def coerce(ftype: FieldType, value: Any, choices: tuple[str, ...] = ()) -> Any:
    if value is None:
        return None
    try:
        return _COERCERS[ftype](value, choices)
    except BadValue:
        raise
    except (TypeError, ValueError) as exc:
        raise BadValue(f"expected {ftype.value}, got {value!r}") from exc


def coerce_list(ftype: FieldType, value: Any, choices: tuple[str, ...] = ()) -> list[Any]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v != ""]
    if not isinstance(value, list | tuple):
        raise BadValue("expected a list")
    if len(value) > 10_000:
        raise BadValue("at most 10000 values")
    return [coerce(ftype, v, choices) for v in value]


def coerce_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in TRUE | FALSE:
        return value.lower() in TRUE
    raise BadValue(f"expected true or false, got {value!r}")


def _int(value: Any, _c: tuple[str, ...]) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise BadValue(f"expected an integer, got {value!r}")
    return int(value)


def _float(value: Any, _c: tuple[str, ...]) -> float:
    if isinstance(value, bool):
        raise BadValue(f"expected a number, got {value!r}")
    return float(value)


def _str(value: Any, _c: tuple[str, ...]) -> str:
    if isinstance(value, dict | list):
        raise BadValue("expected text")
    return str(value)


def _enum(value: Any, choices: tuple[str, ...]) -> str:
    text = str(value)
    if choices and text not in choices:
        raise BadValue(f"expected one of {', '.join(choices)}")
    return text


def _date(value: Any, _c: tuple[str, ...]) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any, _c: tuple[str, ...]) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _bool(value: Any, _c: tuple[str, ...]) -> bool:
    return coerce_bool(value)


def _json(value: Any, _c: tuple[str, ...]) -> Any:
    return value


_COERCERS = {
    FieldType.INT: _int,
    FieldType.FLOAT: _float,
    FieldType.STR: _str,
    FieldType.ENUM: _enum,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
    FieldType.BOOL: _bool,
    FieldType.JSON: _json,
}
