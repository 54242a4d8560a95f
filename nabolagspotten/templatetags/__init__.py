"""Template filters for Nabolagspotten."""
