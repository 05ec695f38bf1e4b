"""Vocabulary shared by extract/ and ledger/: name keys, slugs, demonyms, measures, quantity keys, word lists.

Model-free and SQL-free, so a read command imports it without loading spaCy or a database driver.
"""
