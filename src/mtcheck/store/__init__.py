"""What mtcheck keeps on disk and how it writes: the disk caches, the vector store, safe reading and writing.

Lives here: size-bounded reading of user files, atomic writes that never follow a link out of mtcheck's folders.
Imports nothing of mtcheck: every other layer may use it.
"""
