"""Client review: share links (review sessions), the guest side, and the client portal."""
