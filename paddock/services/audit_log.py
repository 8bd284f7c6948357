"""Reading the audit trail: who changed what, when, with the values before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from paddock.db.engine import Database
from paddock.db.models import AuditRecord


@dataclass(frozen=True)
class Change:
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: str
    before: Any
    after: Any

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "user": self.user, "action": self.action,
                "entity": self.entity, "id": self.entity_id, "before": self.before,
                "after": self.after}


def recent_changes(db: Database, *, limit: int = 50, entity: str | None = None) -> list[Change]:
    """The newest changes first, optionally of one kind of thing (entry, tyre, penalty...)."""
    with db.reader() as session:
        query = select(AuditRecord).order_by(col(AuditRecord.id).desc()).limit(limit)
        if entity:
            query = query.where(AuditRecord.entity == entity)
        rows = session.exec(query).all()
        return [Change(r.at, r.user, r.action, r.entity, r.entity_id,
                       json.loads(r.before) if r.before else None,
                       json.loads(r.after) if r.after else None) for r in rows]
