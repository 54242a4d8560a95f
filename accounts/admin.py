from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.forms import AdminUserCreationForm, UserChangeForm
from accounts.models import Unit, User

admin.site.site_header = _("Områdesatsing – administration")
admin.site.site_title = _("Områdesatsing")
admin.site.index_title = _("Administration")


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    form = UserChangeForm
    add_form = AdminUserCreationForm
    list_display = ["email", "full_name", "unit", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups", "unit"]
    search_fields = ["email", "full_name"]
    ordering = ["full_name"]
    list_select_related = ["unit"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "unit"]}),
        (_("Roles and access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "unit", "groups", "password1", "password2"],
            },
        )
    ]
    filter_horizontal = ["groups"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "parent", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    list_select_related = ["parent"]
