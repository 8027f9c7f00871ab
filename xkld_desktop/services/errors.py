"""Errors services raise for the UI and the CLI to show. Every ``message`` is Vietnamese.

- :class:`ValidationFailed` — the input has errors (per field, from ``domain.validation``);
  nothing was written.
- :class:`Refused` — the action is impossible in the record's present state (a return before
  its departure, a second open departure, a departure for someone under 18…); nothing written.
- :class:`DuplicatePerson` — a person with this CCCD exists already (``existing_id`` to open).
- :class:`NotFound` — the record is gone (deleted meanwhile); :func:`live_or_not_found` loads a
  record or raises it.
- Store errors (locked, read-only, damaged database…) are re-exported here so that the UI
  need not import the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from ..domain.validation import Issue, Severity
from ..store.errors import DatabaseEnvironmentError, NewerDatabaseError, StoreError

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session


class ServiceError(Exception):
    """Base of the services' own errors."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(ServiceError):
    """The input has errors; ``issues`` lists them per field (warnings included)."""

    def __init__(self, issues: list[Issue]) -> None:
        errors = [i for i in issues if i.severity is Severity.ERROR]
        super().__init__("; ".join(i.message for i in errors) or "Dữ liệu chưa hợp lệ")
        self.issues = issues

    def errors_for(self, field: str) -> list[str]:
        return [i.message for i in self.issues if i.field == field and i.severity is Severity.ERROR]


class Refused(ServiceError):
    """The action is not possible in the record's present state."""


class DuplicatePerson(ServiceError):
    """A person with the same CCCD/CMND is already recorded."""

    def __init__(self, existing_id: int, existing_name: str, id_number: str) -> None:
        super().__init__(f"Số CCCD {id_number} đã có trong hồ sơ của {existing_name}. Mở hồ sơ đó thay vì tạo mới?")
        self.existing_id = existing_id
        self.existing_name = existing_name
        self.id_number = id_number


class NotFound(ServiceError):
    """The record does not exist (any more)."""


class _SoftDeletable(Protocol):
    """A table whose rows are deleted softly, by setting ``deleted_at``."""

    deleted_at: datetime | None


_Record = TypeVar("_Record", bound=_SoftDeletable)


def live_or_not_found(session: Session, model: type[_Record], record_id: int, message: str) -> _Record:
    """The row *record_id* of *model*, if it exists and is not (softly) deleted.

    Raises :class:`NotFound` with *message* — the caller's own Vietnamese text — for an unknown
    id and for a row in the recycle bin alike: to the user both are "gone".
    """
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise NotFound(message)
    return record


__all__ = [
    "DatabaseEnvironmentError",
    "DuplicatePerson",
    "NewerDatabaseError",
    "NotFound",
    "Refused",
    "ServiceError",
    "StoreError",
    "ValidationFailed",
    "live_or_not_found",
]
