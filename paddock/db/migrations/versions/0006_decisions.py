"""decisions: a pending flag (a stewards' bulletin published as one revision) and the article

Revision ID: 0006_decisions
Revises: 0005_timing_system
Create Date: 2026-11-30 12:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006_decisions'
down_revision = '0005_timing_system'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('penalty', schema=None) as batch_op:
        batch_op.add_column(sa.Column('article', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('pending', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('penalty', schema=None) as batch_op:
        batch_op.drop_column('pending')
        batch_op.drop_column('article')
