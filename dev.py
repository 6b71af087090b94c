#!/usr/bin/env python3
"""The project's front door. Needs only Python 3.11+.

python3 dev.py run     set up (virtual environment, install, migrate, demo data) and serve, with
                       the background worker (emails, texts) beside the server
python3 dev.py test    set up and run the whole test suite (extra arguments go to pytest)
python3 dev.py setup   set up only
python3 dev.py setup-venv   create the virtual environment and install, nothing else
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PORTAL_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".installed-from"


def sh(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def install():
    if sys.version_info < (3, 11):  # noqa: UP036 (this script may be started by an older Python)
        sys.exit("Python 3.11 or newer is needed.")
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
        sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    # Reinstall only when the dependency list changed.
    signature = (ROOT / "pyproject.toml").read_text()
    if not STAMP.exists() or STAMP.read_text() != signature:
        sh(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
        STAMP.write_text(signature)


def manage(*args, settings="portal.settings.dev"):
    sh(PYTHON, "manage.py", *args, env={**os.environ, "DJANGO_SETTINGS_MODULE": settings})


def setup():
    install()
    manage("migrate", "--no-input", "-v", "0")
    manage("load_demo_data")


def main(argv):
    command = argv[1] if len(argv) > 1 else "run"
    if command == "setup":
        setup()
    elif command == "setup-venv":
        install()
    elif command == "run":
        setup()
        # The background worker (messages to people) runs beside the server and stops with it.
        # PDFs have a worker of their own, at a low priority, so a render never delays a message.
        workers = [
            subprocess.Popen(
                [*nice, str(PYTHON), "manage.py", "db_worker", "--backend", "background", *queue],
                cwd=ROOT,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
            )
            for nice, queue in (([], []), (["nice", "-n", "10"], ["--queue-name", "pdf"]))
        ]
        try:
            manage("runserver", os.environ.get("PORT_BIND", "127.0.0.1:8000"))
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait()
    elif command == "test":
        install()
        os.execv(str(PYTHON), [str(PYTHON), "-m", "pytest", *argv[2:]])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
