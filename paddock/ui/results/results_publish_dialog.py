"""Publishing: the confirmation with its reason, and the reason a correction asks for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.services import results as result_service
from paddock.services.results import PenaltyView, SessionResults
from paddock.services.timing_check import SessionCheck
from paddock.ui.common.dialogs import message_area, ok_cancel, show_message
from paddock.ui.results.results_check import FIELD_NAMES
from paddock.ui.results.results_table import penalty_summary

if TYPE_CHECKING:
    from paddock.services.database import Database


class PublishDialog(QDialog):
    """Asks "Publish Race 1 as OFFICIAL revision N?" and publishes through the services.

    Revision 1 may go without a reason; every later revision needs one, and so does any
    revision while the classification differs from the timing system's results file (the
    dialog says where). A refusal (nothing changed since the last revision, no results
    yet, a difference found since the page looked) shows in the dialog, which stays open.

    Args:
        db: the open database.
        event: the event's number or short name.
        session: the session's code ("R1").
        session_name: the session's name ("Race 1").
        revision: the revision this publication will be (1 for the first).
        check: the classification beside the timing system's results file, as the page
            shows it (None: not known; the service checks again anyway).
    """

    #: Differences named one by one in the dialog; the rest are counted.
    SHOWN_DIFFERENCES = 4

    def __init__(
        self,
        db: Database,
        *,
        event: str,
        session: str,
        session_name: str,
        revision: int,
        check: SessionCheck | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._session = session
        self._revision = revision
        differences = check.reconciliation.differences if check is not None else ()
        self._differs = bool(check is not None and check.has_file and differences)
        self.published: SessionResults | None = None

        self.setObjectName("publishDialog")
        self.setWindowTitle(f"Publish {session_name}")
        self.setModal(True)
        self.setMinimumWidth(480)

        self.question = QLabel(f"Publish {session_name} as OFFICIAL revision {revision}?")
        self.question.setObjectName("placeholderHeading")
        explain = QLabel(
            "The classification is frozen as it is now. Every later change (a penalty, a "
            "corrected file, a typed fix) publishes the next revision with its reason.")
        explain.setObjectName("mutedText")
        explain.setWordWrap(True)

        # Said plainly before the reason is asked: where it differs from the timekeepers.
        self.differences = message_area()
        if self._differs:
            named = "; ".join(
                f"car {d.car} {FIELD_NAMES.get(d.field, d.field).lower()} ({d.cause})"
                for d in differences[:self.SHOWN_DIFFERENCES])
            more = len(differences) - self.SHOWN_DIFFERENCES
            if more > 0:
                named += f"; and {more} more"
            places = "place" if len(differences) == 1 else "places"
            show_message(self.differences,
                         f"The classification differs from the timing system's results file "
                         f"in {len(differences)} {places}: {named}.\nPublish it as it is "
                         "only with a reason that says why, or settle the differences first.",
                         "warn")
        self.differences.setVisible(self._differs)
        unsettled = check.no_crossing if check is not None else ()
        self.unsettled = QLabel()
        self.unsettled.setObjectName("mutedText")
        self.unsettled.setWordWrap(True)
        if unsettled:
            cars = ", ".join(c.car for c in unsettled)
            self.unsettled.setText(
                f"Not settled yet: car{'s' if len(unsettled) > 1 else ''} {cars} never "
                "crossed the line (DNS or DNF?). Settling one later publishes a new revision.")
        self.unsettled.setVisible(bool(unsettled))

        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("publishReason")
        if self._differs:
            self.reason_edit.setPlaceholderText(
                "Why it is published as it is (required)")
        elif revision == 1:
            self.reason_edit.setPlaceholderText("Reason (optional for the first publication)")
        else:
            self.reason_edit.setPlaceholderText(
                f"Why revision {revision} replaces revision {revision - 1} (required)")
        self.reason_edit.textChanged.connect(self.check)

        self.messages = message_area()

        self.buttons, self.ok_button = ok_cancel(self, f"Publish revision {revision}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.question)
        layout.addWidget(explain)
        layout.addWidget(self.differences)
        layout.addWidget(self.unsettled)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.check()
        self.reason_edit.setFocus()

    def check(self) -> None:
        """Revision 2 onwards, or a classification that differs from the timing system's,
        cannot be published without its reason."""
        needs_reason = (self._revision > 1 or self._differs) \
            and not self.reason_edit.text().strip()
        self.ok_button.setEnabled(not needs_reason)
        if needs_reason and self._differs:
            show_message(self.messages, "Still to fill in: why it is published although it "
                         "differs from the timing system.", "info")
        elif needs_reason:
            show_message(self.messages, f"Revision {self._revision} needs its reason.", "info")
        else:
            show_message(self.messages, "✓  Ready to publish.", "ok")

    def accept(self) -> None:
        """Publish; on refusal show why and stay open."""
        self.published = _publish(self._db, self._event, self._session, self.reason_edit,
                                  self.messages)
        if self.published is not None:
            super().accept()


class CorrectionReasonDialog(QDialog):
    """Asks why an official session's files are replaced: the reason of revision N+1.

    Args:
        session_name: the session's name ("Race 1").
        revision: the session's current official revision.
        what: what is about to happen ("Loading r1.csv").
    """

    def __init__(self, *, session_name: str, revision: int, what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionReasonDialog")
        self.setWindowTitle(f"Correct {session_name}")
        self.setModal(True)
        self.setMinimumWidth(460)

        question = QLabel(f"{session_name} is OFFICIAL (revision {revision}).")
        question.setObjectName("placeholderHeading")
        explain = QLabel(f"{what} publishes revision {revision + 1} at once. "
                         "Give the reason for the correction:")
        explain.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("correctionReason")
        self.reason_edit.setPlaceholderText("e.g. Timing file re-issued by Al Kamel (required)")

        self.buttons, self.ok_button = ok_cancel(self, f"Publish revision {revision + 1}")
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip())))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(question)
        layout.addWidget(explain)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)

    def reason(self) -> str:
        return self.reason_edit.text().strip()


def decision_line(penalty: PenaltyView) -> str:
    """One decision as the bulletin lists it: "Decision 4 · car 7 · Time penalty (5 s) –
    Track limits (art. 12.3)"."""
    article = f" ({penalty.article})" if penalty.article else ""
    return (f"Decision {penalty.decision} · car {penalty.number} · {penalty_summary(penalty)}"
            f" – {penalty.reason}{article}")


class BulletinDialog(QDialog):
    """Confirms the stewards' bulletin: every pending decision, published as ONE revision.

    The service builds the revision's reason from the decisions; an extra line may be
    added. A refusal shows in the dialog, which stays open.

    Args:
        pending: the pending decisions, as the page shows them.
        revision: the revision the bulletin will publish.
    """

    def __init__(self, db: Database, *, event: str, session: str, session_name: str,
                 pending: Sequence[PenaltyView], revision: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._session = session
        self.published: SessionResults | None = None
        self.setObjectName("bulletinDialog")
        self.setWindowTitle(f"Publish the stewards' bulletin – {session_name}")
        self.setModal(True)
        self.setMinimumWidth(560)

        count = len(pending)
        word = "decision" if count == 1 else "decisions"
        self.question = QLabel(f"Publish {count} {word} as {session_name} OFFICIAL revision "
                               f"{revision}?")
        self.question.setObjectName("placeholderHeading")
        self.decisions = QListWidget()
        self.decisions.setObjectName("bulletinDecisions")
        self.decisions.addItems([decision_line(p) for p in pending])
        self.decisions.setMaximumHeight(min(200, 28 + 22 * count))
        explain = QLabel("They go out together, as one revision whose reason lists them.")
        explain.setObjectName("mutedText")
        explain.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("bulletinReason")
        self.reason_edit.setPlaceholderText("Bulletin heading (optional), e.g. Stewards' "
                                            "bulletin 3")
        self.messages = message_area()
        self.buttons, self.ok_button = ok_cancel(self, f"Publish revision {revision}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.question)
        layout.addWidget(self.decisions)
        layout.addWidget(explain)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """Publish the bulletin; on refusal show why and stay open."""
        self.published = _publish(self._db, self._event, self._session, self.reason_edit,
                                  self.messages)
        if self.published is not None:
            super().accept()


class WithdrawDialog(QDialog):
    """Asks why a pending decision is withdrawn, and withdraws it through the service."""

    def __init__(self, db: Database, *, event: str, session: str, penalty: PenaltyView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._session = session
        self._decision = penalty.decision
        self.withdrawn = False
        self.setObjectName("withdrawDialog")
        self.setWindowTitle(f"Withdraw decision {penalty.decision}")
        self.setModal(True)
        self.setMinimumWidth(480)
        question = QLabel(f"Withdraw pending decision {penalty.decision}?")
        question.setObjectName("placeholderHeading")
        what = QLabel(decision_line(penalty))
        what.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("withdrawReason")
        self.reason_edit.setPlaceholderText("Why it is withdrawn (required)")
        self.messages = message_area()
        self.buttons, self.ok_button = ok_cancel(self, "Withdraw", primary=False)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(question)
        layout.addWidget(what)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            result_service.withdraw_pending(self._db, event=self._event, session=self._session,
                                            decision=self._decision,
                                            reason=self.reason_edit.text())
        except RuleViolation as exc:
            show_message(self.messages, "\n".join(exc.problems), "problem")
            return
        except PaddockError as exc:
            show_message(self.messages, exc.message, "problem")
            return
        self.withdrawn = True
        super().accept()


def _publish(db: Database, event: str, session: str, reason: QLineEdit,
             messages: QLabel) -> SessionResults | None:
    """Publish with the typed reason; a refusal (its every line) is shown in ``messages``."""
    try:
        return result_service.publish(db, event=event, session=session,
                                      reason=reason.text().strip())
    except PaddockError as exc:  # a RuleViolation's message is its problems, a line each
        show_message(messages, exc.message, "problem")
        return None
