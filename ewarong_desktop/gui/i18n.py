"""The window's one current language. Indonesian is the source language of every string;
English comes from `ewarong_en.qm`.

Installing or removing the translator makes Qt send a LanguageChange event to every widget;
each widget re-translates itself in `changeEvent`, so switching needs no restart. Words that
come from the services and the domain (`Words`, labels, refusals) ask `current()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ewarong_desktop.domain.words import LANGUAGES
from ewarong_desktop.paths import resource_dir

_installed: list[QTranslator] = []
_current = "id"


def current() -> str:
    """The language the window shows now: Qt's strings and every service word alike."""
    return _current


def switch(lang: str) -> str:
    """Show the whole window in `lang`; returns the language now shown: Indonesian when
    `lang` is unknown or the English catalogue cannot be loaded."""
    global _current
    lang = lang if lang in LANGUAGES else "id"
    if not install_language(lang):
        lang = "id"
        install_language(lang)
    _current = lang
    return lang


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
