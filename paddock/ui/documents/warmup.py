"""Loading what the Documents page needs before an official first opens it.

The first document made in a process pays for importing reportlab and the services that
fill documents, and for parsing the DejaVu fonts: about half a second, which would
otherwise be the wait for the page's first preview. `start_warmup` does that work once,
on a background thread, while the window sits idle after it opens. Only plain Python
modules are imported there (no widget module: widgets belong to the main thread).
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)

_started = threading.Event()


def warm_documents() -> None:
    """Import the document modules, register the fonts and make one small PDF."""
    from datetime import UTC, datetime

    import pypdfium2  # noqa: F401  (the preview rasterises with it)

    from paddock.reports.documents import EntryListDocument
    from paddock.reports.entry_list import render_entry_list
    from paddock.services import catalogue, documents, grids  # noqa: F401

    # The first render registers the fonts and sets up reportlab's own caches.
    render_entry_list(EntryListDocument(series="", title="", subtitle="",
                                        generated_at=datetime.now(UTC), rows=()))


def start_warmup() -> None:
    """Warm the documents up on a daemon thread; only the first call in a process does."""
    if _started.is_set():
        return
    _started.set()

    def work() -> None:
        try:
            warm_documents()
        except Exception:  # a warm-up that fails only means a slower first document
            log.warning("Warming the documents up failed", exc_info=True)

    threading.Thread(target=work, name="documents-warmup", daemon=True).start()
