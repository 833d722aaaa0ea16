"""build_installer.spec ships what the frozen program reads as files, without running PyInstaller.

The spec is run with stand-ins for PyInstaller's build steps, so this stays a sub-second test;
the real build and a smoke run of the built program are `tools/build_installer.py`.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_installer.spec"


class _Step:
    """Records what the spec hands to one PyInstaller build step."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.binaries: list[tuple[str, str, str]] = []
        self.datas = list(kwargs.get("datas", []))
        self.pure: list[Any] = []
        self.scripts: list[Any] = []


def _submodules(package: str) -> list[str]:
    module = importlib.import_module(package)
    found = [package]
    for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
        found.append(info.name)
    return found


@pytest.fixture(scope="module")
def spec(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, Any]:
    # Only the one PyInstaller helper the spec calls at its top level is stood in for.
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: (  # type: ignore[attr-defined]
        _submodules(name) if importlib.util.find_spec(name) else []
    )
    # On Windows the spec also builds a version resource; any of its classes records its args.
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    versioninfo.__getattr__ = lambda name: _Step  # type: ignore[method-assign]
    win32 = types.ModuleType("PyInstaller.utils.win32")
    win32.versioninfo = versioninfo  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch_module.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch_module.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch_module.setitem(sys.modules, "PyInstaller.utils.win32", win32)
    monkeypatch_module.setitem(sys.modules, versioninfo.__name__, versioninfo)
    steps: dict[str, list[_Step]] = {}

    def step(kind: str) -> type[_Step]:
        class Recorded(_Step):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                steps.setdefault(kind, []).append(self)

        return Recorded

    namespace: dict[str, Any] = {
        "SPECPATH": str(ROOT),
        "__name__": "__pyinstaller_spec__",
        **{kind: step(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["_steps"] = steps
    return namespace


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _shipped(spec: dict[str, Any]) -> set[str]:
    """Bundle paths of every data file: destination folder + file name."""
    analysis = spec["_steps"]["Analysis"][0]
    return {f"{dest}/{Path(source).name}" for source, dest in analysis.kwargs["datas"]}


def test_every_migration_script_ships_as_a_file(spec: dict[str, Any]) -> None:
    shipped = _shipped(spec)
    for tree in ("store", "district"):
        folder = ROOT / "ewarong_desktop" / tree / "migrations"
        if not folder.is_dir():
            continue
        scripts = [folder / "env.py", folder / "script.py.mako", *folder.glob("versions/*.py")]
        for script in scripts:
            inside = script.relative_to(ROOT).as_posix()
            assert inside in shipped, f"{inside} is not in the bundle: Alembic reads it as a file"


def test_resources_land_where_resource_dir_looks(spec: dict[str, Any]) -> None:
    shipped = _shipped(spec)
    files = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and p.suffix != ".ts"]
    assert any(p.suffix == ".ttf" for p in files), "the fonts the reports embed are in resources/"
    for path in files:
        inside = "ewarong_desktop/" + path.relative_to(ROOT).as_posix()
        assert inside in shipped, f"{inside} is not in the bundle"


def test_modules_imported_by_name_are_hidden_imports(spec: dict[str, Any]) -> None:
    from ewarong_desktop.cli import COMMAND_MODULES

    hidden = set(spec["_steps"]["Analysis"][0].kwargs["hiddenimports"])
    for name in COMMAND_MODULES:
        assert f"ewarong_desktop.cli.{name}" in hidden
    if (ROOT / "ewarong_desktop" / "gui" / "app.py").exists():
        assert "ewarong_desktop.gui.app" in hidden


def test_the_qt_the_window_imports_is_kept_and_the_heavy_rest_left_out(
    spec: dict[str, Any],
) -> None:
    excludes = set(spec["_steps"]["Analysis"][0].kwargs["excludes"])
    used = set()
    for source in (ROOT / "ewarong_desktop").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import \(?([\w\s,]+)\)?", text):
            used |= {n for n in re.split(r"[\s,]+", names) if n.startswith("Qt")}
    for module in used:
        assert f"PySide6.{module}" not in excludes, f"the app imports PySide6.{module}"
    for heavy in ("QtQml", "QtQuick", "QtWebEngineCore", "Qt3DCore", "QtMultimedia"):
        assert f"PySide6.{heavy}" in excludes


def test_qt_files_filter(spec: dict[str, Any]) -> None:
    keep = spec["keep_entry"]
    qt = "PySide6/Qt"
    assert keep(f"{qt}/plugins/platforms/libqxcb.so")
    assert keep(f"{qt}/plugins/platforms/libqoffscreen.so")
    assert keep("PySide6/plugins/platforms/qwindows.dll")  # Windows wheels have no Qt/ level
    assert keep(f"{qt}/plugins/iconengines/libqsvgicon.so")
    assert not keep(f"{qt}/plugins/platforms/libqvnc.so")
    assert not keep(f"{qt}/plugins/qmltooling/libqmldbg_debugger.so")
    assert not keep(f"{qt}/qml/QtQuick/Controls/qmldir")
    assert not keep(f"{qt}/translations/qtbase_de.qm")
    assert keep("ewarong_desktop/resources/fonts/DejaVuSans.ttf")


def test_program_name_version_and_console_twin(spec: dict[str, Any]) -> None:
    from ewarong_desktop import __version__

    assert spec["VERSION"] == __version__
    programs = [exe.kwargs["name"] for exe in spec["_steps"]["EXE"]]
    if sys.platform == "win32":
        expected = ["ewarong-desktop", "ewarong-desktop-cli", "ewarong-district",
                    "ewarong-district-cli"]  # fmt: skip
    else:
        expected = ["ewarong-desktop", "ewarong-district"]
    assert programs == expected
    (collect,) = spec["_steps"]["COLLECT"]
    assert collect.kwargs["name"] == "ewarong-desktop"


def test_the_district_program_has_its_window_and_postgresql(spec: dict[str, Any]) -> None:
    shop, district = spec["_steps"]["Analysis"]
    assert district.args[0] == [str(ROOT / "ewarong_desktop" / "district" / "__main__.py")]
    hidden = set(district.kwargs["hiddenimports"])
    # The window is imported by name when no subcommand is given; a URL loads the driver.
    assert {"ewarong_desktop.district_gui.app", "ewarong_desktop.district_gui.window"} <= hidden
    assert {"psycopg", "sqlalchemy.dialects.postgresql"} <= hidden
    assert "psycopg" not in district.kwargs["excludes"]
    assert "psycopg" in shop.kwargs["excludes"]  # the e-warong stays SQLite only
    # Both programs read and write bundles with orjson (`sync.strictjson`).
    assert "orjson" not in district.kwargs["excludes"]
    assert "orjson" not in shop.kwargs["excludes"]
    from ewarong_desktop.district_gui.window import PAGES

    assert {module for _key, module, _cls in PAGES} <= hidden
    datas = {f"{dest}/{Path(source).name}" for source, dest in district.kwargs["datas"]}
    assert "ewarong_desktop/district/migrations/env.py" in datas
