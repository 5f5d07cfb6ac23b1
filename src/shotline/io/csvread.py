"""Reading the CSV files people actually have: encodings, delimiters, Excel quoting, dates.

- encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else
  Windows-1252 (Excel on Windows); bytes that fit none are a 422;
- delimiter: the one of `,` `;` tab that occurs most in the header line (outside quotes);
- quoting: Excel's (doubled quotes, quoted newlines), through the `csv` module;
- dates: ISO `2026-12-01`, ISO date-times `2026-12-01T10:00:00Z` (date part), `2026/12/01`,
  and day-first or month-first `01/12/2026`, `01.12.2026`, `01-12-2026` by the import's
  `date_format` (`dmy` default, or `mdy`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from shotline.errors import ValidationFailed

DELIMITERS = (",", ";", "\t")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$")
_LOCAL = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


@dataclass
class ParsedCsv:
    encoding: str
    delimiter: str
    header: list[str]
    rows: list[list[str]]  # data rows, empty rows dropped; each padded to the header width
    row_numbers: list[int]  # the file's record number of each row (header = 1)


def decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValidationFailed(fields={"file": "not valid UTF-16 text"}) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ValidationFailed(
            fields={"file": "not text in UTF-8, UTF-16 or Windows-1252; save it as CSV UTF-8"}
        ) from None


def sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse(data: bytes, *, delimiter: str | None = None) -> ParsedCsv:
    text, encoding = decode(data)
    if "\x00" in text:
        raise ValidationFailed(fields={"file": "binary data; upload a CSV file"})
    delim = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ValidationFailed(fields={"file": f"not a readable CSV: {exc}"}) from None
    if not records or not any(c.strip() for c in records[0]):
        raise ValidationFailed(fields={"file": "empty file: the first row must name the columns"})
    header = [c.strip() for c in records[0]]
    while header and not header[-1]:
        header.pop()
    blanks = [str(i + 1) for i, h in enumerate(header) if not h]
    if blanks:
        raise ValidationFailed(fields={"file": "unnamed column(s) " + ", ".join(blanks)})
    seen: set[str] = set()
    dupes = sorted({h for h in header if h in seen or seen.add(h)})  # type: ignore[func-returns-value]
    if dupes:
        raise ValidationFailed(fields={"file": "duplicate column(s) " + ", ".join(dupes)})
    width = len(header)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(c.strip() for c in record):
            continue
        cells = [c.strip() for c in record[:width]]
        cells += [""] * (width - len(cells))
        rows.append(cells)
        numbers.append(number)
    return ParsedCsv(encoding, delim, header, rows, numbers)


def parse_date(text: str, date_format: str = "dmy") -> dt.date:
    value = text.strip()
    m = _ISO.match(value)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _LOCAL.match(value)
        if not m:
            raise ValueError(f"not a date: {text!r} (use 2026-12-01)")
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        day, month = (a, b) if date_format == "dmy" else (b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None
