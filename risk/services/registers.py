"""Registers at three levels. The programme's and each area's register are made the first
time they are asked for; a project's register is made when its first risk is registered.
A project's register sits under the register of its first area (or the programme's)."""

from django.db import transaction

from risk.models import Matrix, Register


@transaction.atomic
def programme_register() -> Register:
    register = Register.objects.filter(level=Register.Level.PROGRAMME).first()
    if register is None:
        register = Register(level=Register.Level.PROGRAMME, matrix=Matrix.default())
        register.full_clean()
        register.save()
    return register


@transaction.atomic
def area_register(area) -> Register:
    register = Register.objects.filter(area=area).first()
    if register is None:
        register = Register(
            level=Register.Level.AREA,
            area=area,
            parent=programme_register(),
            matrix=Matrix.default(),
        )
        register.full_clean()
        register.save()
    return register


@transaction.atomic
def project_register(project) -> Register:
    register = Register.objects.filter(project=project).first()
    if register is None:
        area = project.areas.order_by("name").first()
        parent = area_register(area) if area is not None else programme_register()
        register = Register(
            level=Register.Level.PROJECT, project=project, parent=parent, matrix=parent.matrix
        )
        register.full_clean()
        register.save()
    return register


def registers_beneath(register: Register) -> list[Register]:
    """The register and every register under it (three levels at most), in two queries."""
    registers = list(Register.objects.select_related("area", "project", "parent"))
    children: dict[int | None, list[Register]] = {}
    for each in registers:
        children.setdefault(each.parent_id, []).append(each)
    found, todo = [], [register]
    while todo:
        current = todo.pop(0)
        found.append(current)
        todo.extend(children.get(current.pk, []))
    return found
