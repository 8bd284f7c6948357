"""The audit trail: one row per change, inside the change's own transaction."""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

from sqlmodel import Session

from paddock.db.models import AuditRecord


def current_user() -> str:
    """Who is at the keyboard: PADDOCK_USER when set (shared laptops), else the OS login."""
    user = os.environ.get("PADDOCK_USER")
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: object = "",
    *,
    before: Any = None,
    after: Any = None,
) -> None:
    session.add(
        AuditRecord(
            user=current_user(),
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before="" if before is None else json.dumps(before, default=str, sort_keys=True),
            after="" if after is None else json.dumps(after, default=str, sort_keys=True),
        )
    )
