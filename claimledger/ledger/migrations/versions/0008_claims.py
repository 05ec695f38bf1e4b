"""claims: one utterance or figure followed across the articles that carried it

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('statements', 'figures'):
        op.add_column(table, sa.Column('claim_id', sa.Integer(), nullable=True))
        op.add_column(table, sa.Column('variant', sa.String(length=12), nullable=True))
        op.create_index(f'ix_{table}_claim_id', table, ['claim_id'])
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.String(length=120), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('canonical_id', sa.Integer(), nullable=False),
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('first_article_id', sa.Integer(), nullable=False),
    sa.Column('first_date', sa.String(length=32), nullable=True),
    sa.Column('last_date', sa.String(length=32), nullable=True),
    sa.Column('appearances', sa.Integer(), server_default='1', nullable=False),
    sa.Column('articles', sa.Integer(), server_default='1', nullable=False),
    sa.Column('outlets', sa.Integer(), server_default='1', nullable=False),
    sa.Column('variants', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_claims_first_date', 'claims', ['first_date'])
    op.create_index('ix_claims_actor', 'claims', ['actor_id', 'kind', 'quantity'])
    op.create_index('ix_claims_rank', 'claims', ['outlets', 'articles'])
    op.create_index('ix_claims_variants', 'claims', ['variants', 'outlets'])
    op.create_table('claim_marks',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ondelete='CASCADE'),
    sa.UniqueConstraint('claim_id', 'mark', name='uq_claim_marks')
    )
    op.create_index('ix_claim_marks_claim_id', 'claim_marks', ['claim_id'])
    op.create_index('ix_claim_marks_lookup', 'claim_marks', ['actor_id', 'mark'])
    from claimledger.ledger.claims import rebuild

    rebuild(op.get_bind())  # the ledger's stored statements and figures, grouped in the order they came


def downgrade() -> None:
    op.drop_table('claim_marks')
    op.drop_table('claims')
    for table in ('statements', 'figures'):
        op.drop_index(f'ix_{table}_claim_id', table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('variant')
            batch.drop_column('claim_id')
