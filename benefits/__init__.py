"""Gevinstrealisering: benefit-realisation plans, indicators, baselines and measurements.

Depends on `portfolio` only (import-linter contract). Built in its own issue."""
