"""`{% load formatting %}`: the Norwegian number formats of `core.formatting` as filters."""

from django import template

from core import formatting

register = template.Library()

register.filter("kroner", formatting.kroner)
register.filter("thousands", formatting.thousands)
