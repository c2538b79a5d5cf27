"""Rows of values into an openpyxl worksheet, each text kept as text.

openpyxl refuses a text holding a control character a workbook cannot store
(it raises), and takes a text that starts with ``=`` for a formula: a person
named ``=HYPERLINK("http://…")`` would become a live link in the sheet. Every
writer of ``.xlsx`` files appends its rows here instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from influence.unprintable import xml_text

__all__ = ["append_row"]


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """Append ``values`` as the next row of ``ws``; texts are stored as text, never run as formulas.

    A character the format cannot hold becomes U+FFFD (see :mod:`influence.unprintable`).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> append_row(ws, ["=1+1", "Bell\\x07", 3])
    >>> [(c.value, c.data_type) for c in ws[1]]
    [('=1+1', 's'), ('Bell\\ufffd', 's'), (3, 'n')]
    """
    row = [xml_text(v) if isinstance(v, str) else v for v in values]
    ws.append(row)
    formulas = [i for i, v in enumerate(row) if isinstance(v, str) and v.startswith("=")]
    if formulas:
        cells = ws[ws.max_row]
        for i in formulas:
            cells[i].data_type = "s"
