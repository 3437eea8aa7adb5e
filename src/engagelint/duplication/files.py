"""Names of the archive's files, in a module of their own: the run cache reads their sizes without
importing the numpy-backed index."""

INDEX_FILE = "index.bin"
ADDED_FILE = "added.json"  # files given to `archive add`, kept beside the index to survive its rebuilds
