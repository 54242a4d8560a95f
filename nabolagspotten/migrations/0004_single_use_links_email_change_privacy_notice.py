# Personal links open once (AccessLink.used_at replaces last_used_at); a new contact
# e-mail address waits for confirmation (Application.pending_email); the applicant confirms
# having read the privacy notice instead of consenting (consent_privacy → read_privacy_notice;
# the legal basis is the public task, GDPR art. 6(1)(e)); a timeline event for the e-mail
# address.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("nabolagspotten", "0003_answer_received_and_event_statuses"),
    ]

    operations = [
        migrations.AlterField(
            model_name="caseevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("status", "Status changed"),
                    ("melding", "Message"),
                    ("lenke", "Personal link sent"),
                    ("vedtaksbrev", "Decision letter sent"),
                    ("paminnelse", "Reminder sent"),
                    ("klage", "Appeal"),
                    ("utbetaling", "Payment"),
                    ("tilbakebetaling", "Repayment"),
                    ("anonymisert", "Personal data removed"),
                    ("epost", "E-mail address"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.RenameField(
            model_name="accesslink",
            old_name="last_used_at",
            new_name="used_at",
        ),
        migrations.AlterField(
            model_name="accesslink",
            name="used_at",
            field=models.DateTimeField(
                blank=True,
                help_text="A link opens once; the browser session it opened keeps the access.",
                null=True,
                verbose_name="opened",
            ),
        ),
        migrations.RenameField(
            model_name="application",
            old_name="consent_privacy",
            new_name="read_privacy_notice",
        ),
        migrations.AlterField(
            model_name="application",
            name="read_privacy_notice",
            field=models.BooleanField(default=False, verbose_name="has read the privacy notice"),
        ),
        migrations.RenameField(
            model_name="historicalapplication",
            old_name="consent_privacy",
            new_name="read_privacy_notice",
        ),
        migrations.AlterField(
            model_name="historicalapplication",
            name="read_privacy_notice",
            field=models.BooleanField(default=False, verbose_name="has read the privacy notice"),
        ),
        migrations.AddField(
            model_name="application",
            name="pending_email",
            field=models.EmailField(
                blank=True, max_length=254, verbose_name="new e-mail address, not yet confirmed"
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="pending_email_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="new e-mail address asked for"
            ),
        ),
        migrations.AddField(
            model_name="historicalapplication",
            name="pending_email",
            field=models.EmailField(
                blank=True, max_length=254, verbose_name="new e-mail address, not yet confirmed"
            ),
        ),
        migrations.AddField(
            model_name="historicalapplication",
            name="pending_email_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="new e-mail address asked for"
            ),
        ),
    ]
