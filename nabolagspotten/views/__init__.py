"""Nabolagspotten's views, one module per part. The URL map is in nabolagspotten/urls.py;
the lookups every view starts with are in views/lookups.py."""
