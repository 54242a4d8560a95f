"""The load test (`manage.py loadtest`): a locustfile and what the command needs."""
