"""A PostgreSQL database backend that first starts the embedded server (see embedded_db)."""
