"""The list of an event's documents: grouped by session, each with its state or its reason.

Each document takes two lines: its title, then how it stands ("Official · rev 2") or, greyed
out and not selectable, what it is waiting for ("No results for R1 yet").
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from paddock.ui.common import theme
from paddock.ui.documents.documents_catalogue import Catalogue, DocumentChoice

_Index = QModelIndex | QPersistentModelIndex

CHOICE_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1

_HOVER = QColor("#f1f4f8")
_DISABLED = QColor("#9aa3ad")
_PAD_X = 14


class _DocumentDelegate(QStyledItemDelegate):
    """Draws group captions and the two-line document items."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        detail = QFont(option.font)
        detail.setPointSizeF(option.font.pointSizeF() * 0.86)
        caption = QFont(detail)
        caption.setBold(True)
        caption.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.8)
        return title, detail, caption

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title, detail, caption = self._fonts(option)
        if index.data(GROUP_ROLE):
            return QSize(200, QFontMetrics(caption).height() + 16)
        return QSize(200, QFontMetrics(title).height() + QFontMetrics(detail).height() + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        title_font, detail_font, caption_font = self._fonts(option)
        rect: QRect = option.rect
        painter.save()
        try:
            if index.data(GROUP_ROLE):
                painter.setFont(caption_font)
                painter.setPen(QColor(theme.TEXT_MUTED))
                text_rect = rect.adjusted(_PAD_X - 4, 8, -_PAD_X, -2)
                painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft
                                                | Qt.AlignmentFlag.AlignVCenter),
                                 str(index.data(Qt.ItemDataRole.DisplayRole)).upper())
                return
            choice = index.data(CHOICE_ROLE)
            assert isinstance(choice, DocumentChoice)
            state = option.state
            enabled = bool(state & QStyle.StateFlag.State_Enabled) and choice.available
            if state & QStyle.StateFlag.State_Selected:
                painter.fillRect(rect, QColor(theme.ACCENT_SOFT))
                painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()),
                                 QColor(theme.ACCENT))
            elif enabled and state & QStyle.StateFlag.State_MouseOver:
                painter.fillRect(rect, _HOVER)
            title_height = QFontMetrics(title_font).height()
            top = rect.adjusted(_PAD_X, 6, -8, 0)
            painter.setFont(title_font)
            painter.setPen(QColor(theme.TEXT) if enabled else _DISABLED)
            elided = QFontMetrics(title_font).elidedText(choice.title,
                                                         Qt.TextElideMode.ElideRight,
                                                         top.width())
            painter.drawText(QRect(top.left(), top.top(), top.width(), title_height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             elided)
            detail = choice.missing or choice.state
            if choice.available and choice.amended:
                colour = QColor("#9a5b00")
            elif enabled:
                colour = QColor(theme.TEXT_MUTED)
            else:
                colour = _DISABLED
            detail_font.setItalic(not choice.available)
            painter.setFont(detail_font)
            painter.setPen(colour)
            metrics = QFontMetrics(detail_font)
            painter.drawText(
                QRect(top.left(), top.top() + title_height + 1, top.width(), metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(detail, Qt.TextElideMode.ElideRight, top.width()))
        finally:
            painter.restore()


class DocumentList(QTreeWidget):
    """An event's documents, grouped; only the ones that can be made are selectable.

    Signals:
        chosen(object): the `DocumentChoice` now selected, or None.
    """

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_DocumentDelegate(self))
        self._items: dict[tuple[str, str | None, int | None], QTreeWidgetItem] = {}
        self.itemSelectionChanged.connect(lambda: self.chosen.emit(self.current_choice()))

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Show ``catalogue``'s documents (none for None); nothing is selected after."""
        self.blockSignals(True)
        try:
            self.clear()
            self._items = {}
            if catalogue is None:
                return
            groups: dict[str, QTreeWidgetItem] = {}
            for choice in catalogue.choices:
                group = groups.get(choice.group)
                if group is None:
                    group = QTreeWidgetItem(self, [choice.group])
                    group.setData(0, GROUP_ROLE, True)
                    group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    groups[choice.group] = group
                item = QTreeWidgetItem(group, [choice.title])
                item.setData(0, CHOICE_ROLE, choice)
                item.setToolTip(0, f"{choice.full_title}: {choice.missing or choice.state}")
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(flags if choice.available else Qt.ItemFlag.NoItemFlags)
                self._items[choice.key] = item
            self.expandAll()
        finally:
            self.blockSignals(False)

    def current_choice(self) -> DocumentChoice | None:
        items = self.selectedItems()
        if not items:
            return None
        choice = items[0].data(0, CHOICE_ROLE)
        return choice if isinstance(choice, DocumentChoice) else None

    def select(self, key: tuple[str, str | None, int | None]) -> bool:
        """Select the document with ``key``; False when it is not listed or cannot be made."""
        item = self._items.get(key)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsSelectable:
            return False
        self.setCurrentItem(item)
        item.setSelected(True)
        self.scrollToItem(item)
        return True

    def choices(self) -> list[DocumentChoice]:
        """Every document listed, in order."""
        return [item.data(0, CHOICE_ROLE) for item in self._items.values()]
