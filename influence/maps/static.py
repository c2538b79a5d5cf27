"""A still image of the map for the review deck: A4 landscape, with its legend.

PNG is taken from the page itself in a headless Chromium (through
Playwright, both optional: without them :class:`StaticExportUnavailable`
says what to install). SVG is drawn in Python from the same nodes, edges
and positions (:mod:`influence.maps.svg`) and needs no browser.
"""

from __future__ import annotations

import os
import shutil

from influence.errors import InfluenceError, Msg
from influence.maps.render import InfluenceMap

__all__ = [
    "A4_LANDSCAPE",
    "CHROMIUM_ARGS",
    "PNG_SCALE",
    "StaticExportUnavailable",
    "chromium_path",
    "png_bytes",
]

#: A4 landscape in CSS pixels (96 per inch)
A4_LANDSCAPE = (1123, 794)
#: device pixels per CSS pixel in the PNG (2 = about 190 dpi on paper)
PNG_SCALE = 2
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_HELP = Msg(
    "the PNG image is taken with a headless Chromium: install the Python package 'playwright' "
    "(pip install playwright) and a Chromium browser (e.g. apt-get install chromium, or set "
    "INFLUENCE_CHROMIUM to its path); or write --static FILE.svg, which needs no browser"
)
#: what to do when INFLUENCE_CHROMIUM names no usable browser
_HELP_CHOSEN = Msg(
    "point INFLUENCE_CHROMIUM at a Chromium browser, or unset it to use the chromium on the PATH; "
    "or write --static FILE.svg, which needs no browser"
)


class StaticExportUnavailable(InfluenceError):
    """The browser needed for a PNG is not installed."""


def chromium_path() -> str | None:
    """The Chromium to use: ``$INFLUENCE_CHROMIUM``, else ``chromium`` on the PATH, else None."""
    chosen = os.environ.get("INFLUENCE_CHROMIUM")
    if chosen:
        return chosen if os.path.exists(chosen) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _unusable(path: str) -> Msg | None:
    """Why ``path`` (the value of ``INFLUENCE_CHROMIUM``) cannot be run, or None when it may be."""
    if not os.path.exists(path):
        return Msg("no such file")
    if os.path.isdir(path):
        return Msg("a folder, not a program")
    if not os.access(path, os.X_OK):
        return Msg("not an executable program")
    return None


def _executable() -> str:
    """The Chromium :func:`png_bytes` starts: ``$INFLUENCE_CHROMIUM`` when set, else one on the PATH.

    Raises
    ------
    StaticExportUnavailable
        Naming ``INFLUENCE_CHROMIUM``'s value when it is set but cannot be run, or saying that no
        Chromium was found.
    """
    chosen = os.environ.get("INFLUENCE_CHROMIUM")
    if chosen:
        reason = _unusable(chosen)
        if reason is not None:
            raise StaticExportUnavailable(
                Msg(
                    "cannot make a PNG: INFLUENCE_CHROMIUM={path}: {reason}; {help}",
                    path=chosen,
                    reason=reason,
                    help=_HELP_CHOSEN,
                )
            )
        return chosen
    found = chromium_path()
    if found is None:
        raise StaticExportUnavailable(Msg("cannot make a PNG: no Chromium found; {help}", help=_HELP))
    return found


def _failed(exc: Exception) -> StaticExportUnavailable:
    """The error for a Chromium that would not start or take the image (the first line of its error)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    chosen = os.environ.get("INFLUENCE_CHROMIUM")
    if chosen:
        return StaticExportUnavailable(
            Msg(
                "cannot make a PNG: INFLUENCE_CHROMIUM={path} did not run as Chromium ({error}); {help}",
                path=chosen,
                error=first,
                help=_HELP_CHOSEN,
            )
        )
    return StaticExportUnavailable(
        Msg("cannot make a PNG: Chromium failed ({error}); {help}", error=first, help=_HELP)
    )


def png_bytes(rendered: InfluenceMap, timeout_ms: int = 120_000) -> bytes:
    """The map's static view as a PNG (A4 landscape at :data:`PNG_SCALE`).

    Raises
    ------
    StaticExportUnavailable
        When Playwright or Chromium is missing or Chromium cannot start (naming
        ``INFLUENCE_CHROMIUM``'s value when it is set but unusable).
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise StaticExportUnavailable(Msg("cannot make a PNG: {help}", help=_HELP)) from None
    executable = _executable()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                width, height = A4_LANDSCAPE
                page = browser.new_page(
                    viewport={"width": width, "height": height}, device_scale_factor=PNG_SCALE
                )
                page.route("**/*", lambda route: route.abort())  # the page needs nothing outside itself
                page.set_content(rendered.html, wait_until="load")
                page.wait_for_function("window.influenceMap && window.influenceMap.drawn", timeout=timeout_ms)
                page.evaluate("influenceMap.staticView(true)")
                page.wait_for_timeout(100)
                return page.screenshot(type="png", full_page=False)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise _failed(exc) from None
