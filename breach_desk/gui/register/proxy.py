"""The view's side of the register: filters and sort order, applied by the store.

A ``QSortFilterProxyModel`` sorts and filters rows it holds, so over a lazily loaded register it
would first have to load all 100,000 of them. This proxy passes rows through one to one and turns
the view's requests (a header click, a filter) into a new store query on the source model.
"""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel, QObject, Qt

from breach_desk.gui.register.model import RegisterModel, RegisterQuery


class RegisterProxy(QIdentityProxyModel):
    def __init__(self, source: RegisterModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self._register = source

    @property
    def register(self) -> RegisterModel:
        return self._register

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._register.sort(column, order)

    def set_search(self, text: str) -> None:
        self._register.update_query(search=text.strip() or None)

    def set_filters(
        self, *, status: str | None = None, risk: str | None = None, service: str | None = None
    ) -> None:
        self._register.update_query(
            status=status or None, risk=risk or None, service=service or None
        )

    @property
    def query(self) -> RegisterQuery:
        return self._register.query

    def filtered(self) -> bool:
        q = self._register.query
        return any((q.search, q.status, q.risk, q.service))
