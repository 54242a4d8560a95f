# syntax=docker/dockerfile:1
# The Områdesatsing image: one image for the web server (default CMD, gunicorn), the Celery
# worker and Celery beat (see docker-compose.yml). Configuration comes from the environment
# at run time (.env.example, docs/deployment.md); nothing secret is baked in.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON=/usr/local/bin/python3.12 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint (PDF reports) needs Pango, HarfBuzz's subsetter and a font at run time;
# gettext provides msgfmt for compilemessages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

# uv from PyPI, pinned to the version that wrote uv.lock.
RUN pip install --no-cache-dir "uv==0.13.9"

WORKDIR /app

# Dependencies first: this layer is rebuilt only when pyproject.toml or uv.lock change.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project

COPY . .

# Production mode. DATA_DIR (uploads under media/) lives outside the code; mount a volume there.
ENV DEBUG=false \
    DATA_DIR=/data \
    WEB_CONCURRENCY=3

# Static files are collected into the image (STATIC_ROOT=/app/staticfiles) and served by
# WhiteNoise. Settings must import for this, so the build passes harmless placeholder values;
# neither command connects to the database and neither value reaches the image.
RUN SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
        python manage.py collectstatic --noinput \
 && SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
        python manage.py compilemessages

# Run as an unprivileged user (with a home directory: gunicorn puts its control socket there).
RUN groupadd --system app \
 && useradd --system --gid app --create-home --home-dir /home/app app \
 && mkdir -p /data \
 && chown app:app /data
USER app

EXPOSE 8000

# /helse/ answers 200 when the database (and, with REDIS_URL, the broker) answer. The request
# carries a Host from ALLOWED_HOSTS and X-Forwarded-Proto: https (gunicorn trusts it from
# 127.0.0.1), so neither the host check nor the HTTPS redirect turns it away; a redirect is
# never followed, so it counts as unhealthy rather than probing the public site.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; hosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() and '*' not in h]; no_redirect = type('NoRedirect', (u.HTTPRedirectHandler,), {'redirect_request': lambda *args: None}); request = u.Request('http://127.0.0.1:8000/helse/', headers={'Host': (hosts or ['localhost'])[0], 'X-Forwarded-Proto': 'https'}); u.build_opener(no_redirect).open(request, timeout=5)"]

# Gunicorn loads omradesatsing.wsgi, which runs the configuration checks and refuses to start
# when a production variable is missing. Its settings (bind 0.0.0.0:8000, gthread workers ×
# threads, timeouts, access log) are in /app/gunicorn.conf.py: WEB_CONCURRENCY (default 3)
# and GUNICORN_THREADS (default 4) override them; docs/performance.md has the figures.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "omradesatsing.wsgi:application"]
