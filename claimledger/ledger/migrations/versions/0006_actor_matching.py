"""person names for matching spellings, the merge log, an actor's external id and affiliation

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs: a batch copy of 'actors' on SQLite would trip the foreign keys pointing at it
    op.add_column('aliases', sa.Column('given', sa.String(length=200), nullable=True))
    op.add_column('aliases', sa.Column('surname', sa.String(length=200), nullable=True))
    op.add_column('aliases', sa.Column('sound', sa.String(length=60), nullable=True))
    op.add_column('aliases', sa.Column('seen', sa.Integer(), server_default='0', nullable=False))
    op.create_index('ix_aliases_surname', 'aliases', ['surname'])
    op.create_index('ix_aliases_sound', 'aliases', ['sound'])
    op.add_column('actors', sa.Column('external_id', sa.String(length=64), nullable=True))
    op.add_column('actors', sa.Column('affiliation_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('actor_roles') as batch:  # nothing points at actor_roles: a batch copy is safe
        batch.add_column(sa.Column('article_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('start', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('end', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_actor_roles_article', 'articles', ['article_id'], ['id'], ondelete='SET NULL')
    op.create_table('actor_merges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('made_by', sa.String(length=10), nullable=False),
    sa.Column('undone', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_actor_merges_actor_id', 'actor_merges', ['actor_id'])
    from claimledger.ledger.matching import fill_person_names, rematch

    conn = op.get_bind()
    fill_person_names(conn)
    rematch(conn)


def downgrade() -> None:
    op.drop_index('ix_actor_merges_actor_id', 'actor_merges')
    op.drop_table('actor_merges')
    with op.batch_alter_table('actor_roles') as batch:
        batch.drop_constraint('fk_actor_roles_article', type_='foreignkey')
        for col in ('end', 'start', 'article_id'):
            batch.drop_column(col)
    op.drop_index('ix_aliases_sound', 'aliases')
    op.drop_index('ix_aliases_surname', 'aliases')
    with op.batch_alter_table('aliases') as batch:
        for col in ('seen', 'sound', 'surname', 'given'):
            batch.drop_column(col)
    with op.batch_alter_table('actors') as batch:
        batch.drop_column('affiliation_id')
        batch.drop_column('external_id')
