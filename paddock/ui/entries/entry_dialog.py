"""The dialog to add or edit one entry, with the series' rules checked as the user types."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.services import entries as entry_service
from paddock.services.entries import EntryChoices, EntryInput, EntryView

if TYPE_CHECKING:
    from paddock.services.database import Database

#: The date edit shows "Not set" at this date: a new entry has no date of birth yet, and a
#: default date would be accepted silently and decide Rookie and Junior eligibility.
UNSET_DATE = QDate(1900, 1, 1)

def _set_property(widget: QWidget, name: str, value: str) -> None:
    """Set a style-sheet property and re-polish so the new look shows at once."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    # A bolder or padded look changes the size: let the layout ask again (the badge was
    # cut off when its text changed without its style changing).
    widget.updateGeometry()


_SEPARATORS = frozenset("-/. ")


class BirthDateEdit(QDateEdit):
    """A date edit that starts "Not set" and takes a date typed straight in.

    While it shows "Not set" the text is not a date, so Qt ignores digits typed into it;
    the first digit therefore starts a date (year selected) and goes on into the year.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(UNSET_DATE)
        self.setMaximumDate(QDate.currentDate())
        self.setSpecialValueText("Not set")
        self.setDate(UNSET_DATE)

    def is_set(self) -> bool:
        return self.date() != UNSET_DATE

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if not self.is_set() and text.isdigit():
            self.setDate(QDate(2000, 1, 1))
            self.setSelectedSection(QDateEdit.Section.YearSection)
        elif text in _SEPARATORS and self._section_just_entered():
            # Qt already moved on when the last section filled up: a typed "-" would
            # skip a second section and "2001-05-17" would become 2001-01-05.
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if not self.is_set():
            # The calendar would open on January 1900: show a plausible decade instead.
            self.calendarWidget().setCurrentPage(2000, 1)

    def _section_just_entered(self) -> bool:
        edit = self.lineEdit()
        section = self.sectionText(self.currentSection())
        return bool(section) and edit.hasSelectedText() and edit.selectedText() == section


class EntryDialog(QDialog):
    """Collects one entry and saves it through the entry services.

    Every edit re-runs ``services.entries.check_entry``; its problems show in the message
    area and the save button stays disabled until there are none. A refusal at save time
    (``RuleViolation``, ``InputError``) shows there too and the dialog stays open.

    Args:
        db: the open database.
        choices: the season's classes, cars and known teams.
        entry: the entry to edit, or None to add a new one.
    """

    def __init__(
        self,
        db: Database,
        choices: EntryChoices,
        entry: EntryView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._choices = choices
        self._entry = entry
        self.saved_entry: EntryView | None = None
        self.problems: list[str] = []

        self.setObjectName("entryDialog")
        if entry is None:
            self.setWindowTitle("Add entry")
        else:
            self.setWindowTitle(f"Edit entry – car {entry.number}, {entry.driver}")
        self.setModal(True)
        self.setMinimumWidth(720)

        self._build()
        self._fill(entry)
        self._connect()
        self.check()

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("numberEdit")
        self.number_edit.setMaxLength(3)
        self.number_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,3}"), self.number_edit))
        self.number_edit.setPlaceholderText("e.g. 7 or 07")
        self.number_edit.setToolTip('1 to 3 digits, kept as written: "07" is not "7"')

        self.team_combo = QComboBox()
        self.team_combo.setObjectName("teamCombo")
        self.team_combo.setEditable(True)
        self.team_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.team_combo.addItems(list(self._choices.teams))
        team_edit = self.team_combo.lineEdit()
        assert team_edit is not None  # the combo box is editable
        team_edit.setPlaceholderText("Choose or type a team")
        completer = QCompleter(list(self._choices.teams), self.team_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.team_combo.setCompleter(completer)

        self.car_combo = QComboBox()
        self.car_combo.setObjectName("carCombo")
        self.car_combo.addItems(list(self._choices.cars))
        self.car_combo.setToolTip("Porsche 911 GT3 Cup type")

        self.class_combo = QComboBox()
        self.class_combo.setObjectName("classCombo")
        self.class_combo.addItems(list(self._choices.classes))
        self.class_combo.setPlaceholderText("Choose a class")

        self.first_name_edit = QLineEdit()
        self.first_name_edit.setObjectName("firstNameEdit")
        self.last_name_edit = QLineEdit()
        self.last_name_edit.setObjectName("lastNameEdit")

        self.birth_edit = BirthDateEdit()
        self.birth_edit.setObjectName("birthEdit")
        self.birth_edit.setToolTip("Year-month-day; decides Rookie and Junior eligibility")
        self.birth_edit.setMaximumWidth(150)

        self.junior_label = QLabel()
        self.junior_label.setObjectName("juniorBadge")

        self.nationality_edit = QLineEdit()
        self.nationality_edit.setObjectName("nationalityEdit")
        self.nationality_edit.setMaxLength(3)
        self.nationality_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[A-Za-z]{0,3}"),
                                        self.nationality_edit))
        self.nationality_edit.setPlaceholderText("USA")
        self.nationality_edit.setToolTip("3-letter code, e.g. USA, CAN, GBR, MEX")
        self.nationality_edit.setMaximumWidth(90)

        self.gentleman_check = QCheckBox("Gentleman driver (signed declaration received)")
        self.gentleman_check.setObjectName("gentlemanCheck")
        self.full_season_check = QCheckBox("Full-season entry")
        self.full_season_check.setObjectName("fullSeasonCheck")

        driver_box = QGroupBox("Driver")
        driver_form = QFormLayout(driver_box)
        driver_form.addRow("&First name", self.first_name_edit)
        driver_form.addRow("&Last name", self.last_name_edit)
        driver_form.addRow("Date of &birth", self.birth_edit)
        driver_form.addRow("N&ationality", self.nationality_edit)
        junior_row = QHBoxLayout()
        junior_row.addWidget(self.junior_label)
        junior_row.addStretch(1)
        driver_form.addRow("Junior", junior_row)

        entry_box = QGroupBox("Entry")
        entry_form = QFormLayout(entry_box)
        entry_form.addRow("Car &number", self.number_edit)
        entry_form.addRow("&Team", self.team_combo)
        entry_form.addRow("&Car", self.car_combo)
        entry_form.addRow("Cla&ss", self.class_combo)

        for form in (driver_form, entry_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(8)

        boxes = QHBoxLayout()
        boxes.addWidget(entry_box, 1)
        boxes.addWidget(driver_box, 1)

        declarations = QHBoxLayout()
        declarations.addWidget(self.gentleman_check)
        declarations.addSpacing(24)
        declarations.addWidget(self.full_season_check)
        declarations.addStretch(1)

        # A part-season car enters some events only; a full-season one enters them all.
        self.events_box = QGroupBox("Events entered")
        self.events_box.setObjectName("eventsBox")
        events_grid = QGridLayout(self.events_box)
        self.event_checks: dict[int, QCheckBox] = {}
        for i, (number, name) in enumerate(self._choices.events):
            check = QCheckBox(f"{number}  {name}")
            check.setChecked(True)
            self.event_checks[number] = check
            events_grid.addWidget(check, i // 4, i % 4)
        self.events_box.setVisible(bool(self.event_checks))

        self.messages = QLabel()
        self.messages.setObjectName("checkMessages")
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.TextFormat.PlainText)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages.setMinimumHeight(48)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add entry" if self._entry is None else "Save changes")
        self.ok_button.setProperty("primary", "true")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(boxes)
        layout.addLayout(declarations)
        layout.addWidget(self.events_box)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)

    def _fill(self, entry: EntryView | None) -> None:
        if entry is None:
            self.birth_edit.setDate(UNSET_DATE)
            self.team_combo.setCurrentIndex(-1)
            self.team_combo.setEditText("")
            self.class_combo.setCurrentIndex(-1)
            self.full_season_check.setChecked(True)
            self._full_season_toggled(True)
            return
        self.number_edit.setText(entry.number)
        self.first_name_edit.setText(entry.first_name)
        self.last_name_edit.setText(entry.last_name)
        born = entry.date_of_birth
        self.birth_edit.setDate(QDate(born.year, born.month, born.day))
        self.nationality_edit.setText(entry.nationality)
        self.team_combo.setCurrentIndex(self.team_combo.findText(entry.team))
        self.team_combo.setEditText(entry.team)
        self.car_combo.setCurrentIndex(self.car_combo.findText(entry.car))
        self.class_combo.setCurrentIndex(self.class_combo.findText(entry.class_name))
        self.gentleman_check.setChecked(entry.gentleman)
        self.full_season_check.setChecked(entry.full_season)
        entered = set(entry_service.entry_events(self._db, entry.id))
        for number, check in self.event_checks.items():
            check.setChecked(number in entered)
        self._full_season_toggled(entry.full_season)

    def _connect(self) -> None:
        for edit in (self.number_edit, self.first_name_edit, self.last_name_edit):
            edit.textChanged.connect(self.check)
        self.nationality_edit.textEdited.connect(self._uppercase_nationality)
        self.nationality_edit.textChanged.connect(self.check)
        self.team_combo.currentTextChanged.connect(self.check)
        self.car_combo.currentIndexChanged.connect(self.check)
        self.class_combo.currentIndexChanged.connect(self.check)
        self.birth_edit.dateChanged.connect(self.check)
        self.gentleman_check.toggled.connect(self.check)
        self.full_season_check.toggled.connect(self._full_season_toggled)
        self.full_season_check.toggled.connect(self.check)
        for check in self.event_checks.values():
            check.toggled.connect(self.check)

    def _uppercase_nationality(self, text: str) -> None:
        if text != text.upper():
            cursor = self.nationality_edit.cursorPosition()
            self.nationality_edit.setText(text.upper())
            self.nationality_edit.setCursorPosition(cursor)

    # --- reading the form -----------------------------------------------------------

    def date_of_birth(self) -> date | None:
        """The date typed, or None while it is not set."""
        value = self.birth_edit.date()
        if value == UNSET_DATE:
            return None
        return date(value.year(), value.month(), value.day())

    def missing(self) -> list[str]:
        """The choices not made yet, which the rules cannot be checked without."""
        missing = []
        if self.date_of_birth() is None:
            missing.append("the driver's date of birth")
        if self.class_combo.currentIndex() < 0:
            missing.append("the class")
        if self.car_combo.currentIndex() < 0:
            missing.append("the car")
        return missing

    def entry_input(self) -> EntryInput | None:
        """What the form holds, or None while a choice is still missing."""
        born = self.date_of_birth()
        if born is None or self.missing():
            return None
        return EntryInput(
            number=self.number_edit.text().strip(),
            first_name=self.first_name_edit.text().strip(),
            last_name=self.last_name_edit.text().strip(),
            date_of_birth=born,
            nationality=self.nationality_edit.text().strip().upper(),
            team=self.team_combo.currentText().strip(),
            car=self.car_combo.currentText(),
            class_name=self.class_combo.currentText(),
            gentleman=self.gentleman_check.isChecked(),
            full_season=self.full_season_check.isChecked(),
        )

    # --- checking and saving --------------------------------------------------------

    def check(self) -> None:
        """Re-check the form against the rules and show the outcome."""
        self._update_junior()
        missing = self.missing()
        data = self.entry_input()
        if data is None:
            self._show(["Still to choose: " + ", ".join(missing) + "."], state="info")
            return
        try:
            problems = entry_service.check_entry(
                self._db, data, entry_id=None if self._entry is None else self._entry.id,
                events=self.entered_events())
        except PaddockError as exc:
            problems = [exc.message]
        if problems:
            self._show(problems, state="problem")
        else:
            self._show([], state="ok")

    def _show(self, problems: list[str], *, state: str) -> None:
        self.problems = problems
        self.ok_button.setEnabled(not problems)
        if state == "ok":
            self.messages.setText("✓  Meets the series' rules: ready to save.")
        elif state == "info":
            self.messages.setText(problems[0])
        else:
            heading = "Cannot save yet:" if len(problems) > 1 else "Cannot save yet –"
            self.messages.setText("\n".join([heading, *(f"•  {p}" for p in problems)]))
        _set_property(self.messages, "state", state)

    def _update_junior(self) -> None:
        born = self.date_of_birth()
        if born is None:
            self.junior_label.setText("Set the date of birth")
            _set_property(self.junior_label, "junior", "false")
            return
        # The season's age rule lives in the services, not here.
        status = entry_service.junior_status(self._db, born)
        self.junior_label.setText(status.text)
        self.junior_label.setToolTip(
            "In the Junior programme" if status.junior else "Not in the Junior programme")
        _set_property(self.junior_label, "junior", "true" if status.junior else "false")

    def is_junior(self) -> bool:
        """Whether the Junior indicator is on."""
        return self.junior_label.property("junior") == "true"

    def _full_season_toggled(self, full: bool) -> None:
        for check in self.event_checks.values():
            if full:
                check.setChecked(True)
            check.setEnabled(not full)

    def entered_events(self) -> list[int] | None:
        """The events ticked (None when the season has no events to choose from)."""
        if not self.event_checks:
            return None
        return [n for n, check in self.event_checks.items() if check.isChecked()]

    def accept(self) -> None:
        """Save through the services; on refusal show why and stay open."""
        data = self.entry_input()
        if data is None:
            self.check()
            return
        try:
            events = self.entered_events()
            if self._entry is None:
                self.saved_entry = entry_service.add_entry(self._db, data, events=events)
            else:
                self.saved_entry = entry_service.update_entry(self._db, self._entry.id, data,
                                                              events=events)
        except RuleViolation as exc:
            self._show(list(exc.problems), state="problem")
            return
        except PaddockError as exc:
            self._show([exc.message], state="problem")
            return
        super().accept()
