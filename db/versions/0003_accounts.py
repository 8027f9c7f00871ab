"""accounts: login and roles need no schema change

``user_account`` has had everything login needs since 0001 (username, password_hash, role,
club_id, active, failed_logins, last_failed_at, last_login_at). This revision marks the point
where accounts and access control came in, and keeps the chain 0002 → 0003 → 0004.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 17:00:00
"""

from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
