"""demo seasons and withdrawn entries

A season may be the fictional demo (``season.demo``): the window shows a banner and every
document printed from it says so. A season filled by an older Paddock's first start is
recognised by its entries, which the audit trail records as added by the "demo" action.

``entry_withdrawal`` records that an entry was withdrawn from the season (``event_id``
NULL) or from one event, with the reason. The entry and its tyres and results stay: they
are evidence.

Revision ID: 0010_demo_withdraw
Revises: 0009_seasons
Create Date: 2026-11-30 14:20:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import paddock.db.types


revision = '0010_demo_withdraw'
down_revision = '0009_seasons'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('season', schema=None) as batch_op:
        batch_op.add_column(sa.Column('demo', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute(
        "UPDATE season SET demo = TRUE WHERE id IN (SELECT entry.season_id FROM entry "
        "JOIN audit ON audit.entity = 'entry' AND audit.action = 'demo' "
        "AND audit.entity_id = CAST(entry.id AS VARCHAR))")
    op.create_table(
        'entry_withdrawal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('created_at', paddock.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['event.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('entry_id', 'event_id'),
    )
    with op.batch_alter_table('entry_withdrawal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_withdrawal_entry_id'), ['entry_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('entry_withdrawal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_withdrawal_entry_id'))
    op.drop_table('entry_withdrawal')
    with op.batch_alter_table('season', schema=None) as batch_op:
        batch_op.drop_column('demo')
