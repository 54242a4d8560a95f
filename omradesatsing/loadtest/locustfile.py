"""The load test's users (Locust), against gunicorn on loopback with production settings.

A mix of the programme leader (the portfolio overview and project pages), a case handler
(the case list and a case), residents on the public Nabolagspotten pages and the
eligibility check; and at the same time two people downloading the approved plan's PDF
(again 1–2 s after each download, or without any pause with LOADTEST_DOWNLOADS_WITHOUT_PAUSE)
and one the payments export, again and again. `manage.py loadtest` runs it and writes the
ids it needs in the environment (LOADTEST_*).

The users are Locust's `FastHttpUser` (geventhttpclient), not `HttpUser` (requests): the
load generator runs on the same two cores as the server, and the lighter client leaves
more of them to the server being measured.

The site sends its cookies with `Secure` (production settings); on plain-HTTP loopback a
browser on localhost would still send them, but Python's cookie jar would not: the default
policy of this process (Locust's, nothing else) is told that loopback is safe.
"""

import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy

from locust import FastHttpUser, between, constant, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
PROJECTS = [int(pk) for pk in os.environ.get("LOADTEST_PROJECTS", "").split(",") if pk]
CASES = [ref for ref in os.environ.get("LOADTEST_CASES", "").split(",") if ref]
PLAN_PDF = os.environ.get("LOADTEST_PLAN_PDF", "")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _loopback_is_safe(policy, cookie, request) -> bool:
    return True


DefaultCookiePolicy.return_ok_secure = _loopback_is_safe


class Visitor(FastHttpUser):
    abstract = True

    def page(self, url: str, name: str, **kwargs):
        """A page that must answer 200 itself: a redirect (to the login page, say) is
        counted as an error, not as a fast page."""
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            return response


class Staff(Visitor):
    abstract = True
    email = ""

    def on_start(self):
        page = self.client.get("/logg-inn/", name="login page")
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/logg-inn/",
            {"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="log in",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.email} could not log in ({response.status_code})")


class ProgrammeLeader(Staff):
    weight = 3
    wait_time = between(1, 2)
    email = os.environ.get("LOADTEST_LEADER", "")

    @task(3)
    def overview(self):
        self.page("/program/portefolje/", name="portfolio overview")

    @task(1)
    def overview_filtered(self):
        self.page(
            "/program/portefolje/?status=i_portefoljen&rag=rod&sort=-planned",
            name="portfolio overview, filtered",
        )

    @task(3)
    def project(self):
        self.page(f"/program/prosjekter/{random.choice(PROJECTS)}/", name="project")


class CaseHandler(Staff):
    weight = 3
    wait_time = between(1, 2)
    email = os.environ.get("LOADTEST_HANDLER", "")

    @task(3)
    def cases(self):
        self.page("/nabolagspotten/behandling/", name="case list")

    @task(3)
    def case(self):
        self.page(f"/nabolagspotten/behandling/{random.choice(CASES)}/", name="case")


class Resident(Visitor):
    weight = 4
    wait_time = between(1, 2)

    @task(3)
    def public_home(self):
        self.page("/nabolagspotten/", name="Nabolagspotten front page")

    @task(2)
    def grants(self):
        self.page("/nabolagspotten/tildelinger/", name="public list of grants")

    @task(2)
    def eligibility(self):
        self.page(
            "/nabolagspotten/kan-vi-soke/?who=gruppe&where=i_omradet&purpose=aktivitet",
            name="eligibility check",
        )


WITHOUT_PAUSE = bool(os.environ.get("LOADTEST_DOWNLOADS_WITHOUT_PAUSE"))


class PdfReader(Staff):
    """Two people downloading the approved plan's PDF again and again: 1–2 s after each
    download, as a person clicks; or, to see what a script that never stops does to
    everyone else, without any pause."""

    fixed_count = 2
    wait_time = constant(0) if WITHOUT_PAUSE else between(1, 2)
    email = os.environ.get("LOADTEST_LEADER", "")

    @task
    def plan_pdf(self):
        self.page(PLAN_PDF, name="plan PDF download")


class Exporter(Staff):
    """One case handler exporting all payments, again and again: asking for it (20,000
    rows are built in the background), then as the browser does, the waiting page's
    status every second until it is ready, then the stored file."""

    fixed_count = 1
    wait_time = constant(0)
    email = os.environ.get("LOADTEST_HANDLER", "")

    @task
    def payments_export(self):
        asked = self.client.get(
            "/nabolagspotten/utbetalinger/eksport.xlsx",
            name="payments export",
            allow_redirects=False,
        )
        if asked.status_code != 302:  # a small export comes at once
            return
        waiting = asked.headers["Location"]
        for _second in range(120):
            status = self.page(
                waiting, headers={"HX-Request": "true"}, name="payments export, waiting page"
            )
            if "hx-trigger" not in status.text:  # ready (or failed): it stops asking
                break
            time.sleep(1)
        self.page(waiting, name="payments export, download")
