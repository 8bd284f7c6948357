"""seasons: the current season, the tyre supplier, an event's own lap length, cancelling

Several seasons live in one database: one is marked current (the latest one is marked on
upgrade, which is the season every desk worked on before). The season's tyre supplier and
tyre names become data; every season made before this was run on Michelin Pilot Sport Cup
N3 tyres, so existing seasons say so. An event may have its own lap length, and may be
cancelled with a reason (it keeps its number, results and tyres).

Revision ID: 0009_seasons
Revises: 0008_points_drop
Create Date: 2026-11-30 14:20:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009_seasons'
down_revision = '0008_points_drop'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('season', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_current', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('tyre_supplier', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('tyre_name', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('wet_tyre_name', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lap_length_m', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_reason', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
    season = sa.table('season', sa.column('year', sa.Integer()),
                      sa.column('is_current', sa.Boolean()),
                      sa.column('tyre_supplier', sa.String()),
                      sa.column('tyre_name', sa.String()),
                      sa.column('wet_tyre_name', sa.String()))
    latest = sa.select(sa.func.max(season.c.year)).scalar_subquery()
    op.execute(season.update().where(season.c.year == latest).values(is_current=True))
    op.execute(season.update().values(tyre_supplier='Michelin', tyre_name='Pilot Sport Cup N3',
                                      wet_tyre_name='Pilot Sport Cup N3 rain'))


def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('cancelled_reason')
        batch_op.drop_column('lap_length_m')
    with op.batch_alter_table('season', schema=None) as batch_op:
        batch_op.drop_column('wet_tyre_name')
        batch_op.drop_column('tyre_name')
        batch_op.drop_column('tyre_supplier')
        batch_op.drop_column('is_current')
