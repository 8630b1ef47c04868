"""The map at the top of the extension's package lists every module, in the order of the data.

A module added without its line, or a line left for a module removed, fails
here; so does an import against the flow (a module importing from one listed
below it), which is what keeps the map true.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import editorial

PACKAGE = Path(editorial.__file__).parent
_MAP_LINE = re.compile(r"^\s{4}(?:[^\n]{0,29}?\s{2,})?(?P<module>[\w/]+\.py)\s{2,}\S", re.M)


def mapped_modules() -> list[str]:
    return [match["module"] for match in _MAP_LINE.finditer(editorial.__doc__ or "")]


def package_modules() -> set[str]:
    return {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"}


def test_the_map_lists_every_module_once() -> None:
    mapped = mapped_modules()
    assert len(mapped) == len(set(mapped)), "a module is listed twice"
    assert set(mapped) == package_modules()


def _imported_siblings(module: str) -> set[str]:
    """The package's modules ``module`` imports at run time (``TYPE_CHECKING`` imports left out)."""
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    found: set[str] = set()
    depth = module.count("/")
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []  # type-only imports do not run
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0 and node.module:
            base = node.module.replace(".", "/")
            if node.level - 1 == depth:
                found.add(f"{base}.py")
            elif node.level - 1 < depth:
                found.add(f"{module.rsplit('/', 1)[0]}/{base}.py")
    return found & package_modules()


def test_imports_follow_the_data() -> None:
    order = {module: index for index, module in enumerate(mapped_modules())}
    against_the_flow = [
        f"{module} imports {imported}"
        for module in order
        for imported in sorted(_imported_siblings(module))
        if order[imported] > order[module]
    ]
    assert against_the_flow == []
