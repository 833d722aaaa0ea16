"""What a person would notice on a page, as checks: text cut off where it matters, widgets
outside the screen, admin controls in front of an operator.

Used by the offscreen tests (`test_every_page.py`) and by the real-window check under Xvfb
(`tools/real_window.py`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QStyle,
    QTableView,
    QTabWidget,
    QWidget,
)

# The area a maximised window has at 1366x768 above a 40-pixel taskbar.
SCREEN = QRect(0, 0, 1366, 728)
ADMIN_ONLY = "adminOnly"  # the dynamic property pages set on admin-only controls


def shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def cut_labels(window: QWidget) -> list[str]:
    """One-line labels and buttons whose text is wider than the room they have."""
    cut = []
    for label in window.findChildren(QLabel):
        if not shown(label, window) or label.wordWrap() or not label.text():
            continue
        if label.textFormat() == label.textFormat().RichText or "<" in label.text():
            continue
        text = label.text().replace("&", "") if label.buddy() else label.text()
        room = label.contentsRect().width() - 2 * label.margin()
        if label.fontMetrics().horizontalAdvance(text) > room + 1:
            cut.append(f"label {label.objectName() or label.text()!r}: {label.text()!r}")
    for button in window.findChildren(QAbstractButton):
        if not shown(button, window) or not button.text():
            continue
        text = button.text().replace("&", "")
        need = button.fontMetrics().horizontalAdvance(text)
        if button.sizeHint().width() > button.width() + 1 and need > button.width() - 8:
            cut.append(f"button {text!r}")
    for combo in window.findChildren(QComboBox):
        if not shown(combo, window) or combo.isEditable():
            continue
        text = combo.currentText()
        room = combo.width() - 30  # the arrow and the frame
        if text and combo.fontMetrics().horizontalAdvance(text) > room:
            cut.append(f"choice {combo.objectName() or text!r}: {text!r}")
    return cut


def cut_cells(view: QTableView) -> list[str]:
    """Texts of a table's visible cells that do not fit their column (Qt would elide them)."""
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    model = view.model()
    header = view.horizontalHeader()
    stretch = header.stretchLastSection()
    cut = []
    rows = min(model.rowCount(), 60)
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        if stretch and column == model.columnCount() - 1:
            continue
        if header.sectionResizeMode(column) == header.ResizeMode.Stretch:
            continue  # the one column that takes what is left: long notes may be cut there
        right_edge = view.columnViewportPosition(column) + view.columnWidth(column)
        if view.horizontalScrollBar().value() == 0 and right_edge > view.viewport().width() + 1:
            title = model.headerData(column, header.orientation())
            cut.append(f"column {title!r} is beyond the table's right edge")
            continue
        room = view.columnWidth(column) - 2 * margin
        for row in range(rows):
            text = model.index(row, column).data() or ""
            if metrics.horizontalAdvance(str(text)) > room:
                cut.append(f"cell {text!r}")
                break
    return cut


def cut_texts(window: QWidget) -> list[str]:
    found = cut_labels(window)
    for view in window.findChildren(QTableView):
        if shown(view, window):
            found += cut_cells(view)
    return found


def outside(window: QWidget, area: QRect = SCREEN) -> list[str]:
    """Visible widgets that reach beyond `area` (in the window's own coordinates)."""
    found = []
    for widget in window.findChildren(QWidget):
        if not shown(widget, window) or widget.isWindow():
            continue
        top_left = widget.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        if not area.contains(rect):
            name = widget.objectName() or type(widget).__name__
            found.append(f"{name} at {rect.x()},{rect.y()} {rect.width()}x{rect.height()}")
    return found


def admin_controls_shown(window: QWidget) -> list[str]:
    """Controls marked admin-only that an operator can see (tabs included)."""
    found = []
    for widget in window.findChildren(QWidget):
        if widget.property(ADMIN_ONLY) and shown(widget, window):
            found.append(widget.objectName() or type(widget).__name__)
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            page = tabs.widget(index)
            if page is not None and page.property(ADMIN_ONLY) and tabs.isTabVisible(index):
                found.append(f"tab {tabs.tabText(index)!r}")
    return found
