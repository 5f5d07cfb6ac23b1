"""Task types, task statuses, tasks, assignments, watchers and task templates."""
