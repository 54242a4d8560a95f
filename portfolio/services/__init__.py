"""Workflows that touch several models, move a state or check a version: one module per part."""
