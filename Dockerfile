# Production image: gunicorn serving the portal with production settings.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    VAR_DIR=/app/var \
    PORT=8000

# WeasyPrint (printable lists) needs Pango; fonts cover Arabic, Chinese and Vietnamese.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY . .
# The wheel leaves out the demo site (demo/, development only); it stays beside manage.py, with
# what it needs ("demo" extra), so that `DEMO_APP=true manage.py load_demo_data` can fill a trial
# stack. The served site never installs it. "redis" is the client for CACHE_URL=redis://...
RUN pip install ".[demo,sms,redis]" \
 && SECRET_KEY=build-only-secret-key-that-is-long-enough-to-pass-the-check ALLOWED_HOSTS=build \
    python manage.py collectstatic --no-input -v 0 \
 && mkdir -p /app/var/media && chown -R portal:portal /app/var

USER portal
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --no-input && exec gunicorn portal.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --threads ${WEB_THREADS:-4} --access-logfile -"]
