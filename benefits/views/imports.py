"""Importing measurements from a CSV or XLSX file: the template, the dry run (every row's
result, every error by row and column) and the confirmation that saves them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benefits import permissions as perms
from benefits.forms import ImportForm
from benefits.services import imports
from core.exports import export_response
from core.forms import add_service_errors

SESSION_KEY = "benefits_import"


def _check(request):
    if not perms.can_import_measurements(request.user):
        raise PermissionDenied


def _page(request, form, run=None, status=200):
    context = {"form": form, "run": run, "columns": imports.COLUMNS}
    return render(request, "benefits/import.html", context, status=status)


@login_required
def import_measurements(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: the dry run of the uploaded file; nothing is saved."""
    _check(request)
    if request.method != "POST":
        return _page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload = form.cleaned_data["file"]
    content = upload.read()
    try:
        rows = imports.read_rows(upload.name, content)
    except ValidationError as error:
        add_service_errors(form, error)
        return _page(request, form, status=400)
    run = imports.dry_run(rows, request.user)
    imports.discard_upload(request.session.pop(SESSION_KEY, ""))
    if run.ok:
        request.session[SESSION_KEY] = imports.store_upload(upload.name, content)
    return _page(request, ImportForm(), run=run)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Read the kept file again, check every row again, and save."""
    _check(request)
    token = request.session.get(SESSION_KEY, "")
    content = imports.load_upload(token)
    if content is None:
        messages.error(request, _("The file is no longer kept. Upload it again."))
        return redirect("benefits:import")
    try:
        run = imports.dry_run(imports.read_rows(token, content), request.user)
        count = imports.import_rows(run, request.user)
    except ValidationError:
        imports.discard_upload(request.session.pop(SESSION_KEY, ""))
        form = ImportForm()
        form.add_error(None, _("The data changed since the dry run. Check the rows again."))
        return _page(request, form, run=run, status=400)
    imports.discard_upload(request.session.pop(SESSION_KEY, ""))
    messages.success(request, _("%(n)s measurements are imported.") % {"n": count})
    return redirect("benefits:import")


@login_required
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    _check(request)
    return export_response(
        fmt=fmt,
        filename="malinger-mal",
        sheet=_("Measurements"),
        headers=imports.COLUMNS,
        rows=imports.template_rows(request.user),
    )
