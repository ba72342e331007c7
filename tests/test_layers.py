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


def test_an_upward_import_from_an_app_module_is_reported_and_one_from_wiring_is_not(tmp_path):
    """The contract is not vacuous: its wiring exclusions let demo data through, never an app's own module."""
    shutil.copytree(ROOT / "privacydesk", tmp_path / "privacydesk", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "privacydesk" / "core" / "upward.py").write_text("from privacydesk.retention import models\n")
    demo = tmp_path / "privacydesk" / "organizations" / "demo.py"
    demo.write_text(demo.read_text() + "\nfrom privacydesk.retention import services  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "privacydesk.core is not allowed to import privacydesk.retention" in result.stdout
    assert "privacydesk.core.upward -> privacydesk.retention.models" in result.stdout
    assert "privacydesk.organizations.demo" not in result.stdout
