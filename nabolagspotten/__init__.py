"""Nabolagspotten: the neighbourhood grant pot residents apply to without an account.

Depends on `portfolio` only (import-linter contract). Built in its own issue."""
