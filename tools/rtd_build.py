"""Read the Docs' build, reproduced: its command, its environment, its Python.

Read the Docs runs, for this project (``.readthedocs.yaml``: dirhtml,
``fail_on_warning: true``)::

    python -m sphinx -T -W --keep-going -b dirhtml -d _build/doctrees -D language=<Language setting> . $READTHEDOCS_OUTPUT/html

with ``READTHEDOCS=True`` and the ``READTHEDOCS_*`` variables below, on the
Python of ``.readthedocs.yaml`` with ``requirements.txt`` installed.  This
script runs that very command from a fresh state (no doctrees, no output),
with the variables Read the Docs sets; only the folders differ:
``--output`` stands for ``$READTHEDOCS_OUTPUT`` and the doctrees go beside
the pages (``<output>/doctrees``) so that ``make dirhtml`` keeps its own.

The Python: ``.readthedocs.yaml``'s version (pyenv's, or ``python3.13`` on
the path) in a virtualenv made once under ``_build/rtd-venv`` from
``requirements.txt`` (made again when that file changes); where that
Python is not installed, the current one, with a note that says so.
``--python current`` takes the current one at once (the tests' fast path).
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
RTD_CONFIG = PROJECT / ".readthedocs.yaml"
REQUIREMENTS = PROJECT / "requirements.txt"
VENV = PROJECT / "_build" / "rtd-venv"
#: The Language setting the README tells editors to choose (Admin → Settings → Language: French).
LANGUAGE = "fr"
#: Read the Docs' project slug: its default address is https://<slug>.readthedocs.io/<language>/<version>/.
PROJECT_SLUG = "leadership-technique"
VERSION = "latest"

_PYTHON_SETTING = re.compile(r"""^\s+python:\s*["']?(?P<version>\d+\.\d+)["']?\s*$""", re.M)


class Interpreter(NamedTuple):
    """The Python that runs Sphinx, and why it is that one ("" when it is the one Read the Docs uses)."""

    executable: str
    note: str = ""


def python_version(config: Path = RTD_CONFIG) -> str:
    """The Python version of ``build.tools.python`` in ``.readthedocs.yaml`` (``"3.13"``)."""
    match = _PYTHON_SETTING.search(config.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{config.name} ne dit pas quelle version de Python utiliser (build.tools.python).")
    return match["version"]


def find_python(version: str) -> str | None:
    """An installed interpreter of ``version``: pyenv's, else ``python<version>`` on the path."""
    roots = [os.environ.get("PYENV_ROOT", ""), str(Path.home() / ".pyenv")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        found = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False).stdout.strip()
        roots.insert(0, found)
    for root in filter(None, roots):
        candidates = sorted(glob.glob(os.path.join(root, "versions", f"{version}*", "bin", "python3")), reverse=True)
        if candidates:
            return candidates[0]
    return shutil.which(f"python{version}")


def _requirements_stamp(python: str) -> str:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    return f"{python}\n{digest}\n"


def site_virtualenv(python: str, venv: Path = VENV) -> str:
    """``venv``'s Python, with ``requirements.txt`` installed by ``python`` (once per version of the file)."""
    stamp = venv / ".requirements"
    executable = venv / "bin" / "python"
    if executable.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == _requirements_stamp(python):
        return str(executable)
    print(f"Installation des dépendances du site pour {python} dans {venv} (une fois)…", file=sys.stderr)
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(executable), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
        check=True,
    )
    stamp.write_text(_requirements_stamp(python), encoding="utf-8")
    return str(executable)


def choose_interpreter(choice: str) -> Interpreter:
    """``current``: this Python; ``auto``: the one of ``.readthedocs.yaml`` when installed, else this one, said loudly."""
    if choice == "current":
        return Interpreter(sys.executable, "Python courant demandé (--python current)")
    version = python_version()
    python = find_python(version)
    if python is None:
        running = f"{sys.version_info.major}.{sys.version_info.minor}"
        return Interpreter(
            sys.executable,
            f"ATTENTION : Python {version} (celui de .readthedocs.yaml) n'est pas installé ici ; "
            f"le build tourne avec Python {running}, le résultat peut différer de Read the Docs "
            f"(installe-le, par exemple pyenv install {version}).",
        )
    return Interpreter(site_virtualenv(python))


def canonical_url(language: str, version: str = VERSION, project: str = PROJECT_SLUG) -> str:
    """The address Read the Docs gives the build (``READTHEDOCS_CANONICAL_URL``) before a custom domain."""
    return f"https://{project}.readthedocs.io/{language}/{version}/"


def environment(output: Path, language: str, version: str = VERSION, project: str = PROJECT_SLUG) -> dict[str, str]:
    """The variables Read the Docs sets for the build command."""
    return {
        "READTHEDOCS": "True",
        "READTHEDOCS_PROJECT": project,
        "READTHEDOCS_LANGUAGE": language,
        "READTHEDOCS_VERSION": version,
        "READTHEDOCS_VERSION_NAME": version,
        "READTHEDOCS_VERSION_TYPE": "branch",
        "READTHEDOCS_CANONICAL_URL": canonical_url(language, version, project),
        "READTHEDOCS_OUTPUT": str(output),
    }


def sphinx_command(python: str, output: Path, language: str, builder: str = "dirhtml") -> list[str]:
    """Read the Docs' command (``fail_on_warning: true``), run from the project's folder."""
    return [
        python,
        "-m",
        "sphinx",
        "-T",
        "-W",
        "--keep-going",
        "-b",
        builder,
        "-d",
        str(output / "doctrees"),
        "-D",
        f"language={language}",
        ".",
        str(output / "html"),
    ]


def start_fresh(output: Path) -> None:
    """No pages and no doctrees left from an earlier build: a fresh clone has neither."""
    for folder in (output / "html", output / "doctrees"):
        shutil.rmtree(folder, ignore_errors=True)


def run(output: Path, language: str, interpreter: Interpreter, extra: list[str]) -> int:
    """Build from a fresh state as Read the Docs does; Sphinx's exit status."""
    output = output.resolve()
    start_fresh(output)
    command = sphinx_command(interpreter.executable, output, language)
    command[-2:-2] = extra
    if interpreter.note:
        print(f"\n*** {interpreter.note} ***\n", file=sys.stderr)
    print("$ " + " ".join(command), file=sys.stderr)
    env = {**os.environ, **environment(output, language)}
    return subprocess.run(command, cwd=PROJECT, env=env, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Le build de Read the Docs, à l'identique, en local.")
    parser.add_argument("--language", default=LANGUAGE, help="le réglage Language du projet (défaut : fr)")
    parser.add_argument(
        "--output", type=Path, default=PROJECT / "_build" / "rtd", help="$READTHEDOCS_OUTPUT (pages dans <output>/html)"
    )
    parser.add_argument(
        "--python",
        choices=("auto", "current"),
        default="auto",
        help="auto : le Python de .readthedocs.yaml s'il est installé ; current : celui qui lance ce script",
    )
    arguments, extra = parser.parse_known_args(argv)
    return run(arguments.output, arguments.language, choose_interpreter(arguments.python), extra)


if __name__ == "__main__":
    sys.exit(main())
