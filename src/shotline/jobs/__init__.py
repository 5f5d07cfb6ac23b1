"""Background jobs on Huey: SQLite storage embedded, Redis for many machines."""
