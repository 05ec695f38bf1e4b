"""tallies: the overview's counts, the outlets' quotes and the contested quantities, kept on write; each
statement's first-copy flag

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('statements', sa.Column('first_copy', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.execute("UPDATE statements SET first_copy = NOT EXISTS (SELECT 1 FROM statements s2 WHERE "
               "s2.utterance = statements.utterance AND s2.id < statements.id AND (s2.actor_id = statements.actor_id "
               "OR (s2.actor_id IS NULL AND statements.actor_id IS NULL)))")
    op.create_index('ix_statements_first_actor', 'statements', ['actor_id', 'first_copy', 'said_on'])
    op.create_index('ix_statements_first_said', 'statements', ['first_copy', 'said_on'])
    op.create_index('ix_figures_quantity_as_of', 'figures', ['quantity', 'as_of', 'id'])
    op.create_table('tallies',
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('n', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key')
    )
    op.create_table('outlet_quotes',
    sa.Column('scope', sa.String(length=8), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key', 'actor_id')
    )
    op.create_index('ix_outlet_quotes_rank', 'outlet_quotes', ['scope', 'key', 'n'])
    op.create_index('ix_outlet_quotes_actor', 'outlet_quotes', ['actor_id', 'n'])
    op.create_table('outlet_utterances',
    sa.Column('scope', sa.String(length=8), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('utterance', sa.String(length=24), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key', 'actor_id', 'utterance')
    )
    op.create_table('contested',
    sa.Column('quantity', sa.String(length=120), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('spread', sa.Float(), nullable=False),
    sa.Column('entry', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('quantity', 'ordinal')
    )
    op.create_index('ix_contested_spread', 'contested', ['spread'])
    op.create_table('contested_dirty',
    sa.Column('quantity', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('quantity')
    )
    from claimledger.ledger.tallies import rebuild, refresh_contested

    bind = op.get_bind()
    rebuild(bind)  # the ledger's stored rows, counted once
    refresh_contested(bind)


def downgrade() -> None:
    for table in ('contested_dirty', 'contested', 'outlet_utterances', 'outlet_quotes', 'tallies'):
        op.drop_table(table)
    op.drop_index('ix_figures_quantity_as_of', 'figures')
    op.drop_index('ix_statements_first_said', 'statements')
    op.drop_index('ix_statements_first_actor', 'statements')
    op.execute("ALTER TABLE statements DROP COLUMN first_copy")  # in place (SQLite 3.35+): no table rebuild
