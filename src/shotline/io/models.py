"""Server-side import jobs: the uploaded file and the wizard's choices between steps."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from shotline.db.base import Base, IdMixin
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum, utcnow


class ImportState(enum.StrEnum):
    UPLOADED = "uploaded"
    MAPPED = "mapped"
    PREVIEWED = "previewed"
    COMMITTED = "committed"


class ImportJob(IdMixin, Base):
    __tablename__ = "import_job"

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False
    )
    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True
    )
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="csv")
    state: Mapped[ImportState] = mapped_column(
        str_enum(ImportState), nullable=False, default=ImportState.UPLOADED
    )
    file_name: Mapped[str] = mapped_column(String(255), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    encoding: Mapped[str] = mapped_column(String(32), nullable=False)
    delimiter: Mapped[str] = mapped_column(String(4), nullable=False)
    columns: Mapped[list[str]] = mapped_column(JSONType, nullable=False, default=list)
    row_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    key: Mapped[str] = mapped_column(String(64), nullable=False)
    date_format: Mapped[str] = mapped_column(String(8), nullable=False, default="dmy")
    policy: Mapped[str | None] = mapped_column(String(16), nullable=True)
    preview: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    created_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )
