"""points: drop rules per class (drop the N lowest results, the last K races protected)

A class without a rule counts every result, as before. The 2021 season's scale gives
+5 for each race's class pole (domain: what the series ran); a 2021 season still on the
untouched default scale (the one migration 0004 wrote) takes that bonus.

Revision ID: 0008_points_drop
Revises: 0007_session_facts
Create Date: 2026-11-30 14:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_points_drop'
down_revision = '0007_session_facts'
branch_labels = None
depends_on = None

DEFAULT_POSITIONS = '25,20,17,14,12,10,9,8,7,6,5,4,3,2,1'


def upgrade() -> None:
    op.create_table('season_drop_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('race_class_id', sa.Integer(), nullable=False),
    sa.Column('drop_count', sa.Integer(), nullable=False),
    sa.Column('protect_last', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['race_class_id'], ['race_class.id'], ),
    sa.ForeignKeyConstraint(['season_id'], ['season.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('race_class_id')
    )
    with op.batch_alter_table('season_drop_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_season_drop_rule_season_id'), ['season_id'],
                              unique=False)
    op.execute(
        "UPDATE season_points SET pole_bonus = 5 "
        f"WHERE positions = '{DEFAULT_POSITIONS}' AND pole_bonus = 0 "
        "AND fastest_lap_bonus = 0 "
        "AND season_id IN (SELECT id FROM season WHERE year = 2021)"
    )


def downgrade() -> None:
    with op.batch_alter_table('season_drop_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_season_drop_rule_season_id'))
    op.drop_table('season_drop_rule')
