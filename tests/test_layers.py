"""The import contract in pyproject.toml ([tool.importlinter]): apps import downwards only, no circle between apps.

`make lint` runs it too; here it runs with the tests, so CI fails on a new upward import even without the linters.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_apps_import_downwards_only_and_in_no_circle():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "privacydesk", tmp_path / "privacydesk", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "privacydesk"


def test_an_upward_import_from_an_app_module_is_reported_and_one_from_wiring_is_not(tmp_path):
    """The contract is not vacuous: its wiring exclusions let demo data through, never an app's own module."""
    package = copy_of_the_package(tmp_path)
    (package / "core" / "upward.py").write_text("from privacydesk.retention import models\n")
    demo = package / "organizations" / "demo.py"
    demo.write_text(demo.read_text() + "\nfrom privacydesk.retention import services  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "privacydesk.core is not allowed to import privacydesk.retention" in result.stdout
    assert "privacydesk.core.upward -> privacydesk.retention.models" in result.stdout
    assert "privacydesk.organizations.demo" not in result.stdout


def test_the_application_importing_a_development_package_is_reported(tmp_path):
    """requirements.txt alone runs the application: even demo data may not use factory_boy or Faker."""
    package = copy_of_the_package(tmp_path)
    demo = package / "cases" / "demo.py"
    demo.write_text(demo.read_text() + "\nimport faker  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "The application imports no package of requirements-dev.txt BROKEN" in result.stdout
    assert "privacydesk.cases.demo -> faker" in result.stdout
