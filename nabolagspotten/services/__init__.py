"""Nabolagspotten's services: every change to a case goes through a function here, named
`<entity>_<action>` (`application_submit`, `decision_make`, `appeal_uphold`, …), which
checks the case's state, writes history and records the step on the case's timeline.
Services are keyword-only and atomic. A step the state does not allow is refused with
`core.exceptions.TransitionRefused`; any other refusal is a ValidationError; both say why in
plain Norwegian (through gettext). Every e-mail to an applicant goes through
`mail.mail_applicant`."""
