"""Ingest: from files, folders and standard input to stored documents.

`readers` turn paths into raw records, `dating` settles publication dates, `build`
makes documents, `run` writes them to the store in batches.
"""
