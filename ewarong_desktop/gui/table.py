"""One table model for every list: rows are frozen dataclasses, columns say how to show them.

`RowsModel` sorts its own rows on a column's `sort` key (money as numbers, dates as dates:
one Python sort, not a Python comparison per pair) and keeps one lower-case search line per
row, which `RowsProxy` filters on; so 10,000 KPMs sort and filter in milliseconds without a
query per keystroke. Column titles are `QT_TRANSLATE_NOOP` strings translated at
paint time, so a language switch only needs `headerDataChanged`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

COLUMNS_CONTEXT = "Columns"
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: object  # a QT_TRANSLATE_NOOP("Columns", ...) string (typed `object` by PySide6)
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    align_right: bool = False
    width: int | None = None  # None: stretch the last such column
    fit: bool = False  # widen to the longest text after each fill: names are never cut


class RowsModel(QAbstractTableModel):
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    ROW_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._search: list[str] | None = None
        self.dim: Callable[[Any], bool] = lambda _row: False  # e.g. voided, inactive

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._search = None
        if self._sorted is not None:
            self.rows.sort(key=self._key(self._sorted[0]), reverse=self._sorted[1])
        self.endResetModel()

    _sorted: tuple[int, bool] | None = None

    def search_text(self, row: int) -> str:
        """Every column's shown text of one row, lower-cased, built once per fill."""
        if self._search is None:
            self._search = ["\x1f".join(c.text(r) for c in self.columns).lower() for r in self.rows]
        return self._search[row]

    def _key(self, column: int) -> Callable[[Any], Any]:
        col = self.columns[column]
        get = col.sort or col.text

        def key(row: Any) -> Any:
            value = get(row)
            return (value is None, value if value is not None else 0)

        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            # No sort column: the order the service gave (the header shows no arrow).
            self._sorted = None
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [(self.rows[i.row()], i.column()) for i in old]
        descending = order == Qt.SortOrder.DescendingOrder
        try:
            self.rows.sort(key=self._key(column), reverse=descending)
        except TypeError:  # mixed kinds in one column: fall back to the shown text
            self.rows.sort(key=lambda r: self.columns[column].text(r), reverse=descending)
        self._sorted = (column, descending)
        self._search = None
        where = {id(row): n for n, row in enumerate(self.rows)}
        self.changePersistentIndexList(
            old, [self.index(where[id(row)], column) for row, column in held]
        )
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        """Titles and any language-dependent cell text read again (after a language switch)."""
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == self.SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == self.ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.dim(row):
            return QBrush(QColor("#8a8a8a"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(COLUMNS_CONTEXT, str(self.columns[section].title))
        return super().headerData(section, orientation, role)


class RowsProxy(QSortFilterProxyModel):
    """Filters on the model's search lines; sorting is handed to the model itself."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def setFilterFixedString(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateFilter is deprecated
            self.beginFilterChange()
            self._needle = text.strip().lower()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._needle = text.strip().lower()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        return self._needle in model.search_text(source_row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class TableBundle:
    """A view, its model and its sorting/filtering proxy, wired the same way everywhere."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        self.model = RowsModel(columns, parent)
        self.proxy = RowsProxy(parent)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(parent)
        self.view.setModel(self.proxy)
        # Qt's header starts at "column 0, descending"; start unsorted instead, in the order
        # the service chose (newest first, by desa and name...), until a header is clicked.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        # Fixed row heights: no per-row measuring, so 10,000 rows scroll smoothly.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        stretch = None
        for i, column in enumerate(columns):
            if column.width is None:
                stretch = i
            else:
                header.resizeSection(i, column.width)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        for i, column in enumerate(self.model.columns):
            if column.fit and rows:
                self.view.resizeColumnToContents(i)
                header.resizeSection(i, max(header.sectionSize(i), column.width or 0))

    def selected(self) -> Any | None:
        """The highlighted row; never a row that only has the keyboard's focus frame (tabbing
        into a table makes its first cell current without highlighting it)."""
        indexes = self.view.selectionModel().selectedRows()
        return indexes[0].data(RowsModel.ROW_ROLE) if indexes else None

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def retranslate(self) -> None:
        self.model.retranslate()
