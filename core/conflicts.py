"""No lost updates: a form carries the version it was opened at; saving checks it.

Audited models with a `version` field are saved through `save_checked`, which refuses
(EditConflict) when someone else saved since, and says what they changed.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass
class Change:
    field: str  # the field's verbose name
    theirs: str  # the value the other person saved


class EditConflict(Exception):
    def __init__(self, *, changes: list[Change], by: str):
        self.changes = changes
        self.by = by
        super().__init__(_("Someone else saved this while you were editing."))


def changes_since(instance, base_version: int) -> tuple[list[Change], str]:
    """What changed in `instance` (a model with `version` and simple-history) since the
    version the form was opened at, and who saved last."""
    history = instance.history.order_by("-history_date", "-history_id")
    newest = history.first()
    base = history.filter(version=base_version).first()
    changes = []
    if newest is not None and base is not None:
        delta = newest.diff_against(base, foreign_keys_are_objs=False)
        meta = type(instance)._meta
        for change in delta.changes:
            field = meta.get_field(change.field)
            if change.field == "version" or getattr(field, "auto_now", False):
                continue
            value = change.new
            if field.many_to_many:
                related = field.related_model.objects.filter(
                    pk__in=[row[field.m2m_reverse_field_name()] for row in value]
                )
                value = ", ".join(str(obj) for obj in related)
            elif field.choices:
                value = dict(field.flatchoices).get(value, value)
            changes.append(
                Change(field=str(field.verbose_name), theirs="" if value is None else str(value))
            )
    by = str(newest.history_user) if newest is not None and newest.history_user else ""
    return changes, by


def save_checked(instance, *, base_version: int, save) -> None:
    """Save with `save()` unless the stored version moved on from `base_version`.

    Call inside a transaction; the row is locked while checking, so two saves at the same
    moment cannot both pass.
    """
    model = type(instance)
    current = model.objects.select_for_update().only("version").get(pk=instance.pk).version
    if current != base_version:
        changes, by = changes_since(instance, base_version)
        raise EditConflict(changes=changes, by=by)
    instance.version = current + 1
    save()
