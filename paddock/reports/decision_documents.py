"""The stewards' decisions, as plain frozen data: one decision sheet, or a session's
bulletin of every decision.

A service (``paddock.services.decision_documents``) fills them from the session's
decisions; the renderer (``paddock.reports.decisions``) turns them into PDF. Like
``paddock.reports.documents`` this module imports no reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from paddock.reports.documents import DocumentBase

#: What a decision recorded on an official session but not yet published says.
PENDING_TEXT = "Pending — not yet published"


@dataclass(frozen=True)
class DecisionLine:
    """One stewards' decision.

    Attributes:
        decision: its number ("4"), as the stewards numbered it.
        decided_at: when it was recorded (UTC-aware; printed in the event's time).
        number / driver / team / class_name / car: the competitor.
        infringement: the stewards' reason ("Track limits, turn 5").
        article: the regulation article ("Sporting Regulations art. 12.4"), "" when none.
        penalty: what it applied ("+5 s", "Warning", "3-place grid drop (next race)").
        pending: recorded on an official session and not yet published.
        recorded_by: who typed it in.
    """

    decision: str
    decided_at: datetime
    number: str
    driver: str
    team: str
    class_name: str
    car: str
    infringement: str
    article: str
    penalty: str
    pending: bool = False
    recorded_by: str = ""


@dataclass(frozen=True, kw_only=True)
class DecisionsDocument(DocumentBase):
    """A decision sheet (``single``: one decision) or a session's bulletin (all of them,
    by decision number)."""

    decisions: tuple[DecisionLine, ...]
    single: bool = False
    session_code: str = ""
    notes: tuple[str, ...] = ()
