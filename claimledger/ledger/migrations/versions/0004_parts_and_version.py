"""statements.parts (the quoted pieces of an interrupted quote) and extractors (what a version string stands for)

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('statements', sa.Column('parts', sa.Text(), nullable=True))  # a plain ADD COLUMN on SQLite too
    op.create_table('extractors',
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.Column('rules', sa.String(length=16), nullable=False),
    sa.Column('model', sa.String(length=100), nullable=True),
    sa.Column('taxonomy', sa.String(length=200), nullable=False),
    sa.Column('taxonomy_source', sa.Text(), nullable=True),
    sa.Column('first_used', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )


def downgrade() -> None:
    op.drop_table('extractors')
    with op.batch_alter_table('statements') as batch:
        batch.drop_column('parts')
