"""Organizations, accounts, sessions, API keys and the permission policy."""
