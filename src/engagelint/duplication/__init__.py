"""Exact and near-duplicate detection: normal forms, shingles, MinHash/LSH, and the archive of
published posts (a versioned file index or a shared Redis server). No printing here."""
