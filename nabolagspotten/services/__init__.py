"""Nabolagspotten's services: every change to a case goes through a function here, which
checks the case's state, writes history and records the step on the case's timeline.
Services are keyword-only and atomic; a refusal is a ValidationError whose message says why
in plain Norwegian (through gettext)."""
