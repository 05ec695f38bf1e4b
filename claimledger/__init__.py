"""claimledger: who said what, when, with which figures, in an evidence-linked ledger."""

__version__ = "0.1.0"
