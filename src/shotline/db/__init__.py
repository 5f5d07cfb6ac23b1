"""Database: engine, typed base model, portable column types, unit of work, migrations."""
