"""Scale-out: the extraction as a Spark job writing Parquet tables, and loading them into a ledger."""
