"""The ground floor: what every app shares and nothing of the domain (no models).

Money and number formatting, shared form fields, the one export helper, edit conflicts,
mail, the benchmark harness, the embedded PostgreSQL backend, middleware and the staff
predicate. `core` imports no other package of the project.
"""
