"""The import rule of DESIGN.md, read from every module's imports (ast), and no cycles.

core imports no Streamlit, DuckDB or Plotly; data no Streamlit or Plotly; figures no
Streamlit; only app/ui, a feature's form modules (`form`, `*_form`) and pages import
Streamlit. Imports sit at the top of a module: none hidden inside a function to dodge a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ("story", "scenarios", "roster", "checklist")

# What each layer may not import (top-level package names and app sub-packages).
FORBIDDEN = {
    "core": {
        "streamlit",
        "duckdb",
        "plotly",
        "app.data",
        "app.figures",
        "app.ui",
        *(f"app.{f}" for f in FEATURES),
    },
    "data": {"streamlit", "plotly", "app.figures", "app.ui"},
    "figures": {"streamlit", "app.ui"},
    "feature": {"streamlit", "app.ui"},
    "form": set(),
    "ui": set(),
    "cli": {"streamlit", "app.ui"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) < 2 or parts[0] != "app":
        return "page"
    if parts[1] in ("core", "data", "figures", "ui"):
        return parts[1]
    if parts[1] in FEATURES:
        return "form" if parts[-1].endswith("form") else "feature"  # form, step_form
    return "cli"


def modules() -> dict[str, Path]:
    found = {module_name(p): p for p in (ROOT / "app").rglob("*.py")}
    found.update({f"pages.{p.stem}": p for p in (ROOT / "pages").glob("*.py")})
    return found


def imports(path: Path) -> tuple[set[str], list[int]]:
    """Modules imported at the top level, and the lines of imports of app code elsewhere."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    hidden: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        if node in tree.body:
            top.update(names)
        elif any(n.startswith("app") for n in names):
            hidden.append(node.lineno)
    return top, hidden


def forbidden(name: str, imported: set[str]) -> list[str]:
    banned = FORBIDDEN.get(layer(name), set())
    return sorted(i for i in imported if any(i == b or i.startswith(b + ".") for b in banned))


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_respects_its_layer(name: str) -> None:
    top, hidden = imports(modules()[name])
    assert not forbidden(name, top), f"{name} ({layer(name)}) imports {forbidden(name, top)}"
    assert not hidden, f"{name} imports app code inside a function, lines {hidden}"


def test_no_import_cycle() -> None:
    names = modules()
    graph = {
        name: {i for i in imports(path)[0] if i in names and i != name}
        for name, path in names.items()
    }
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt) :] if nxt in trail else trail
                pytest.fail("import cycle: " + " -> ".join([*cycle, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_layer_rule_is_not_vacuous() -> None:
    assert forbidden("app.core.models", {"streamlit"}) == ["streamlit"]
    assert forbidden("app.figures.maps", {"app.ui.session"}) == ["app.ui.session"]
    assert forbidden("app.story.form", {"streamlit"}) == []
    assert forbidden("app.data.db", {"plotly.graph_objects"}) == ["plotly.graph_objects"]
