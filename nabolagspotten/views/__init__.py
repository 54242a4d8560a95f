"""Nabolagspotten\x27s views, one module per part; each exports `urlpatterns`."""
