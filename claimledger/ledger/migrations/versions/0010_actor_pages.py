"""indexes for one actor's pages (the figures they claim, newest first; their claims by reach) and for a search
narrowed to a speaker (whether an article quotes them, from the index alone)

Revision ID: 0010
Revises: 0009
"""
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_figures_claimant_as_of', 'figures', ['claimant_actor_id', 'as_of', 'id'])
    op.create_index('ix_claims_actor_rank', 'claims', ['actor_id', 'outlets', 'articles', 'id'])
    op.create_index('ix_statements_article_actor', 'statements', ['article_id', 'actor_id'])


def downgrade() -> None:
    op.drop_index('ix_statements_article_actor', table_name='statements')
    op.drop_index('ix_claims_actor_rank', table_name='claims')
    op.drop_index('ix_figures_claimant_as_of', table_name='figures')
