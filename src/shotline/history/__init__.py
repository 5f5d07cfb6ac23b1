"""History of any row from the event log, and reverting changes (one, to a point, a batch)."""
