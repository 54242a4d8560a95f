"""The project's URLs plus one view that fails, to see the 500 page."""

from django.urls import path

from omradesatsing.urls import urlpatterns as project_urlpatterns
from tests.test_pages import _broken_view

handler500 = "omradesatsing.views.server_error"
urlpatterns = [*project_urlpatterns, path("feil/", _broken_view)]
