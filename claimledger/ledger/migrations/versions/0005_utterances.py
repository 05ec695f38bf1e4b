"""statements.utterance and the utterances table: a syndicated copy of a quote is counted once

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

from claimledger.ledger.copies import utterance_key


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('statements', sa.Column('utterance', sa.String(length=24), nullable=True))
    op.create_table('utterances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('actor_id', 'key', name='uq_utterances_actor_key')
    )
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, content FROM statements")).all()
    for start in range(0, len(rows), 1000):
        conn.execute(sa.text("UPDATE statements SET utterance = :k WHERE id = :i"),
                     [{"k": utterance_key(c), "i": i} for i, c in rows[start:start + 1000]])
    op.create_index('ix_statements_utterance', 'statements', ['utterance', 'actor_id'])
    op.execute("INSERT INTO utterances (actor_id, key) SELECT actor_id, utterance FROM statements "
               "WHERE actor_id IS NOT NULL GROUP BY actor_id, utterance")
    op.execute("UPDATE actors SET statement_count = (SELECT count(*) FROM utterances WHERE actor_id = actors.id)")


def downgrade() -> None:  # an older claimledger counts every copy
    op.execute("UPDATE actors SET statement_count = (SELECT count(*) FROM statements WHERE actor_id = actors.id)")
    op.drop_index('ix_statements_utterance', 'statements')
    op.drop_table('utterances')
    with op.batch_alter_table('statements') as batch:
        batch.drop_column('utterance')
