from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import Role


class Unit(models.Model):
    """An organisational unit (enhet) of the municipality's line organisation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The larger unit or service area this unit belongs to, if any."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address; there is no separate user name."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A member of staff. Residents applying to Nabolagspotten have no account."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("The organisational unit (enhet) the user works in."),
    )
    is_staff = models.BooleanField(
        _("may use the admin"),
        default=False,
        help_text=_("Whether the user may log in to the admin pages."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick instead of deleting a user who has left."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_absolute_url(self):
        return reverse("admin:accounts_user_change", args=[self.pk])

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> list[Role]:
        """The user's roles, in the order of `Role`."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.value in names]

    def has_role(self, role: Role) -> bool:
        return self.is_active and role in self.roles

    @property
    def is_programme_leader(self) -> bool:
        return self.has_role(Role.PROGRAMME_LEADER)

    @property
    def is_board_member(self) -> bool:
        return self.has_role(Role.BOARD)

    @property
    def is_change_leader(self) -> bool:
        return self.has_role(Role.CHANGE_LEADER)

    @property
    def is_project_leader(self) -> bool:
        return self.has_role(Role.PROJECT_LEADER)

    @property
    def is_case_handler(self) -> bool:
        return self.has_role(Role.CASE_HANDLER)

    @property
    def is_programme_owner(self) -> bool:
        """The Programeier (the city government's councillor): reads, changes nothing."""
        return self.has_role(Role.PROGRAMME_OWNER)

    @property
    def reads_only(self) -> bool:
        """The Programeier and no other role: reads what programme staff read and changes
        nothing, even where a predicate would let a named person (a risk's owner) change."""
        return self.roles == [Role.PROGRAMME_OWNER]

    @property
    def is_programme_staff(self) -> bool:
        """Anyone with a role in the programme (every role reads the portfolio)."""
        return bool(self.roles) and self.is_active
