"""Data in and out: CSV and editorial import, streamed export, bulk operations, archive
retention."""
