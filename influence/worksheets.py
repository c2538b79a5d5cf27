"""Rows of values into an openpyxl worksheet, each text kept as text; a workbook's bytes, the same every time.

openpyxl refuses a text holding a control character a workbook cannot store
(it raises), and takes a text that starts with ``=`` for a formula: a person
named ``=HYPERLINK("http://…")`` would become a live link in the sheet. Every
writer of ``.xlsx`` files appends its rows here instead, and saves with
:func:`workbook_bytes`, which leaves the clock out of the file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from influence.unprintable import xml_text

__all__ = ["FIXED_TIME", "append_row", "workbook_bytes"]

#: The creation and modification time written into every workbook, and the
#: time of each of its zip entries: the same input gives the same bytes
FIXED_TIME = dt.datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """Append ``values`` as the next row of ``ws``; texts are stored as text, never run as formulas
    nor taken for Excel's error values (a title ``#N/A`` stays that text).

    A character the format cannot hold becomes U+FFFD (see :mod:`influence.unprintable`).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> append_row(ws, ["=1+1", "Bell\\x07", 3, "#N/A"])
    >>> [(c.value, c.data_type) for c in ws[1]]
    [('=1+1', 's'), ('Bell\\ufffd', 's'), (3, 'n'), ('#N/A', 's')]
    """
    from openpyxl.cell.cell import ERROR_CODES  # the texts openpyxl would store as error values

    row = [xml_text(v) if isinstance(v, str) else v for v in values]
    ws.append(row)
    texts = [i for i, v in enumerate(row) if isinstance(v, str) and (v.startswith("=") or v in ERROR_CODES)]
    if texts:
        cells = ws[ws.max_row]
        for i in texts:
            cells[i].data_type = "s"


def workbook_bytes(book: Any) -> bytes:
    """The ``.xlsx`` bytes of an openpyxl workbook, with no clock in them.

    openpyxl writes the current time into the document properties and each
    zip entry; here both are :data:`FIXED_TIME`, so a report with a fixed
    ``--as-of`` is the same byte for byte on every run.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> workbook_bytes(Workbook()) == workbook_bytes(Workbook())
    True
    """
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)  # sets the modification time to now, whatever the properties say
    modified = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type, fixed.external_attr = entry.compress_type, entry.external_attr
            target.writestr(fixed, data)
    return out.getvalue()
