"""statement and mention counts on actors; figures indexed by date: pages sort on indexes at 100k articles

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('actors') as batch:
        batch.add_column(sa.Column('statement_count', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('mention_count', sa.Integer(), nullable=False, server_default='0'))
    op.execute("UPDATE actors SET statement_count = (SELECT count(*) FROM statements WHERE actor_id = actors.id), "
               "mention_count = (SELECT count(*) FROM mentions WHERE actor_id = actors.id)")
    op.create_index('ix_actors_counts', 'actors', ['statement_count', 'mention_count'])
    op.create_index('ix_figures_as_of', 'figures', ['as_of'])


def downgrade() -> None:
    op.drop_index('ix_figures_as_of', 'figures')
    op.drop_index('ix_actors_counts', 'actors')
    with op.batch_alter_table('actors') as batch:
        batch.drop_column('mention_count')
        batch.drop_column('statement_count')
