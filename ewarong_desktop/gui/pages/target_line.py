"""One line: the shop's own-source share over 12 months against the district's target
(shown on the Reports page and the KUBE fund page)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.widgets import MUTED_STYLE
from ewarong_desktop.services import independence
from ewarong_desktop.services.context import ServiceContext


class TargetLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetLine")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.view: independence.Independence | None = None

    def reload(self, ctx: ServiceContext) -> None:
        self.show_view(independence.independence(ctx))

    def show_view(self, view: independence.Independence) -> None:
        """`Target kabupaten 60% mulai Januari 2020: tercapai 3 dari 5 bulan berdata. ...`"""
        self.view = view
        share = "–" if view.share is None else f"{round(view.share * 100)}%"
        if view.target_percent is None or view.target_from is None:
            self.setStyleSheet(MUTED_STYLE)
            self.setText(
                self.tr(
                    "Target kabupaten belum diisi (admin: halaman Dana KUBE, F8). "
                    "Porsi sumber sendiri 12 bulan: {0}."
                ).format(share)
            )
            return
        counted = [m for m in view.months if m.share is not None and view.target_for(m.period)]
        met = view.share is not None and view.share * 100 >= view.target_percent
        self.setStyleSheet("color: #1f7a4d;" if met else "color: #b35c00;")
        self.setText(
            self.tr(
                "Target kabupaten {0}% mulai {1}: tercapai {2} dari {3} bulan berdata. "
                "Porsi sumber sendiri 12 bulan: {4}."
            ).format(
                view.target_percent,
                fmt.month(view.target_from),
                view.months_at_target,
                len(counted),
                share,
            )
        )
