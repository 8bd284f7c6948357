"""The stewards' decision sheet and the session's bulletin of decisions.

`decisions_document` fills the plain data of `paddock.reports.decision_documents` from a
session's decisions (`SessionResults.penalties`, published and pending alike) and the
season's entries; `decisions_pdf` renders it. With ``decision`` the sheet of that one
decision, without it the bulletin of every decision of the session, by decision number.
A warning or a reprimand is a decision like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from paddock.db.engine import Database
from paddock.errors import NotFound
from paddock.reports.decision_documents import DecisionLine, DecisionsDocument
from paddock.services.documents import NoResults, _event_facts, penalty_text
from paddock.services.entries import list_entries
from paddock.services.results import PenaltyView, session_results

#: Who signs a decision.
SIGNATURES = ("Chief Steward",)


def decision_order(decision: str) -> tuple[int, str]:
    """Decisions by number ("2" before "10"); one not numbered after the numbered."""
    text = decision.strip()
    return (int(text) if text.isdigit() else 10**9, text)


def session_decisions(penalties: Sequence[PenaltyView]) -> list[PenaltyView]:
    """A session's decisions in decision-number order (then in the order recorded)."""
    return sorted(penalties, key=lambda p: (*decision_order(p.decision), p.created_at, p.id))


def decisions_document(db: Database, *, event: str, session: str, decision: str | None = None,
                       generated_at: datetime | None = None) -> DecisionsDocument:
    """The sheet of one decision (``decision``), or the bulletin of the session's decisions.

    Raises:
        NotFound: unknown event or session, or no decision ``decision`` in the session.
        NoResults: the session has no decision yet (a bulletin needs one).
    """
    facts = _event_facts(db, event)
    results = session_results(db, event=event, session=session)
    chosen = session_decisions(results.penalties)
    where = f"{results.event_short_name} {results.session_code}"
    if decision is not None:
        wanted = decision.strip().lstrip("#")
        picked = [p for p in chosen if p.decision == wanted
                  or (wanted.isdigit() and p.decision.isdigit() and int(p.decision) == int(wanted))]
        if not picked:
            known = ", ".join(p.decision for p in chosen) or "none"
            raise NotFound(f"no decision '{decision}' in {where}; its decisions are {known}")
        chosen = picked
    elif not chosen:
        raise NoResults(f"no stewards' decisions in {where} yet")
    entries = {e.number: e for e in list_entries(db)}
    settings = facts.season.penalty_settings
    lines = []
    for p in chosen:
        entry = entries.get(p.number)
        lines.append(DecisionLine(
            decision=p.decision, decided_at=p.created_at, number=p.number,
            driver=entry.driver if entry else "", team=entry.team if entry else "",
            class_name=entry.class_name if entry else "", car=entry.car if entry else "",
            infringement=p.reason, article=p.article, penalty=penalty_text(p, settings),
            pending=p.pending, recorded_by=p.created_by))
    single = decision is not None
    if single:
        title = f"Stewards' Decision No. {lines[0].decision}" if len(lines) == 1 \
            else "Stewards' Decision"
    else:
        title = "Stewards' Decisions"
    header = facts.header(title, results.session_name, code=results.session_code,
                          generated_at=generated_at)
    notes = []
    if any(line.pending for line in lines):
        notes.append("A pending decision was taken on the official classification and is "
                     "not yet published: it changes the classification when the next "
                     "revision is published.")
    return DecisionsDocument(**header, status=None, signatures=SIGNATURES,
                             decisions=tuple(lines), single=single,
                             session_code=results.session_code, notes=tuple(notes))


def decisions_pdf(db: Database, *, event: str, session: str,
                  decision: str | None = None) -> bytes:
    from paddock.reports.decisions import render_decisions

    return render_decisions(decisions_document(db, event=event, session=session,
                                               decision=decision))
