"""positions (actor x topic x stance with evidence) and events (meetings, talks, summits)

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=300), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False),
    sa.Column('stance', sa.String(length=10), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=True),
    sa.Column('said_on', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id']),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id']),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_positions_article_id', 'positions', ['article_id'])
    op.create_index('ix_positions_actor_id', 'positions', ['actor_id'])
    op.create_index('ix_positions_topic', 'positions', ['topic'])
    op.create_index('ix_positions_said_on', 'positions', ['said_on'])
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=False),
    sa.Column('trigger_end', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_events_article_id', 'events', ['article_id'])
    op.create_index('ix_events_date', 'events', ['date'])


def downgrade() -> None:
    op.drop_table('events')
    op.drop_table('positions')
