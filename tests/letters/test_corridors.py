"""Letters depend on cases one way only, and import the project's code at the top of their modules.

Read from the source (the import statements), not by importing: what must hold is what the code says.
"""

import ast
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.BASE_DIR) / "privacydesk"


def modules(app: str):
    for path in sorted((PACKAGE / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def imported(node: ast.AST, path: Path) -> list[str]:
    """The absolute names an import statement brings in (relative imports resolved against ``path``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            package = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
            base = ".".join(package + ((node.module,) if node.module else ()))
        else:
            base = node.module or ""
        return [base] + [f"{base}.{alias.name}" for alias in node.names]
    return []


def test_nothing_in_cases_imports_letters():
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path, tree in modules("cases")
        for node in ast.walk(tree)
        if any(name.startswith("privacydesk.letters") for name in imported(node, path))
    ]
    assert found == []


def test_letters_import_the_projects_code_only_at_the_top_except_where_apps_load():
    found = []
    for path, tree in modules("letters"):
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if path.name == "apps.py" and function.name == "ready":
                continue  # Django's app loading: models exist only once every app is loaded
            for node in ast.walk(function):
                if any(name.startswith("privacydesk") for name in imported(node, path)):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_letter_services_never_import_the_tasks():
    tree = ast.parse((PACKAGE / "letters" / "services.py").read_text())
    path = PACKAGE / "letters" / "services.py"
    names = [name for node in ast.walk(tree) for name in imported(node, path)]
    assert not [name for name in names if name.startswith("privacydesk.letters.tasks")]
