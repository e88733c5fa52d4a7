"""The package reads as the pipeline: each stage imports only the stages before it."""

from __future__ import annotations

import ast

from helpers import REPO

PACKAGE = REPO / "roadmap_site"
# Lowest first. A module may import from its own layer and the layers before it, never after.
LAYERS = [
    {"roadmap_site", "roadmap_site.errors", "roadmap_site.config", "roadmap_site.safe_yaml"},
    {"roadmap_site.model"},
    {"roadmap_site.parse"},
    {"roadmap_site.layout"},
    {"roadmap_site.output"},
    {"roadmap_site.incremental"},
    {"roadmap_site.commands"},
    {"roadmap_site.cli", "roadmap_site.__main__"},
]


def layer_of(module: str) -> int:
    """The layer of a dotted module name: that of its longest prefix named in LAYERS."""
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        prefix = ".".join(parts[:length])
        for number, layer in enumerate(LAYERS):
            if prefix in layer:
                return number
    raise AssertionError(f"{module} belongs to no layer")


def module_name(path) -> str:
    relative = path.relative_to(REPO).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imported_modules(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("roadmap_site"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("roadmap_site"))
    return found


def test_every_import_points_back_along_the_pipeline():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        for imported in sorted(imported_modules(path)):
            if layer_of(imported) > layer_of(name):
                upward.append(f"{name} imports {imported}")
    assert upward == []


def test_the_layers_cover_every_module():
    assert {layer_of(module_name(path)) for path in PACKAGE.rglob("*.py")} == set(range(len(LAYERS)))
