"""The programme's structure (areas, goals, strategies, focus areas, levels, selection
criteria, units) and, from the portfolio issue on, the project portfolio."""
