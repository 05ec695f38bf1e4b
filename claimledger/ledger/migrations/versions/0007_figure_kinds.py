"""a figure's kind (count, money, percent, measure, rate), its rate, and the figure a conversion restates

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

KIND = """CASE WHEN unit = 'percent' OR unit = 'share' THEN 'percent'
WHEN unit LIKE '% per %' THEN 'rate'
WHEN unit IN ('USD', 'EUR', 'GBP', 'UAH', 'RUB', 'JPY', 'CNY', 'SEK', 'PLN', 'crowns') THEN 'money'
WHEN unit IN ('km', 'miles', 'm', 'km²', 'ha', 't', 'tonnes', 'kg') THEN 'measure'
ELSE 'count' END"""


def upgrade() -> None:
    op.add_column('figures', sa.Column('kind', sa.String(length=12), nullable=True))
    op.add_column('figures', sa.Column('rate', sa.String(length=20), nullable=True))
    op.add_column('figures', sa.Column('converts', sa.Integer(), nullable=True))
    op.execute(f"UPDATE figures SET kind = {KIND}")  # stored rows get the kind their unit gives


def downgrade() -> None:
    with op.batch_alter_table('figures') as batch:
        batch.drop_column('converts')
        batch.drop_column('rate')
        batch.drop_column('kind')
