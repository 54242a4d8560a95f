"""The portfolio's views, one module per part: structure, projects, overview, plans, lessons."""
