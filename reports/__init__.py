"""Reports: the annual report (årsrapport) and the board's report pack, built by a Celery
task from each app's own query functions (`<app>/report.py`). A floor above every app: it
imports their query functions, and no app imports it (docs/reports.md)."""
