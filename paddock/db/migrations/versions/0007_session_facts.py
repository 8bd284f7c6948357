"""session facts: length in laps, conditions, air and track temperature

A session already had its scheduled start (UTC) and its length in minutes; a race run
over a number of laps, and the conditions an official types for the documents (dry, wet
or mixed; air and track temperature in °C), are added. Existing sessions keep their
start and length and say nothing about conditions.

Revision ID: 0007_session_facts
Revises: 0006_decisions
Create Date: 2026-11-30 11:58:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007_session_facts'
down_revision = '0006_decisions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('length_laps', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('conditions', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('air_temp_c', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('track_temp_c', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_column('track_temp_c')
        batch_op.drop_column('air_temp_c')
        batch_op.drop_column('conditions')
        batch_op.drop_column('length_laps')
