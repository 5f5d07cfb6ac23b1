"""Global search: one `search_document` row per searchable entity, kept in sync on commit."""
