"""Indonesian is the source language of every string; English comes from `ewarong_en.qm`.

Installing or removing the translator makes Qt send a LanguageChange event to every widget;
each widget re-translates itself in `changeEvent`, so switching needs no restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ewarong_desktop.paths import resource_dir

LANGUAGES = ("id", "en")
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_dir() / "translations"


def install_language(lang: str) -> bool:
    """Switch the whole UI; returns False when the English catalogue cannot be loaded."""
    # Calendar popups and spin boxes speak the same language as our strings.
    QLocale.setDefault(
        QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        if lang == "en"
        else QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    )
    app = QCoreApplication.instance()
    assert app is not None
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    # Qt's own words (file dialogs, context menus) where Qt has a catalogue for the language;
    # it has none for Indonesian, so `gui.files` sets those dialogs' words itself.
    qt_words = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_words.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_words)
        _installed.append(qt_words)
    if lang != "en":
        return True
    translator = QTranslator(app)
    if not translator.load(str(translations_dir() / "ewarong_en.qm")):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
