"""Indonesian is the source language of every string; English comes from `ewarong_en.qm`.

Installing or removing the translator makes Qt send a LanguageChange event to every widget;
each widget re-translates itself in `changeEvent`, so switching needs no restart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ewarong_desktop.paths import resource_dir

LANGUAGES = ("id", "en")
_installed: QTranslator | None = None


def translations_dir():
    return resource_dir() / "translations"


def install_language(lang: str) -> bool:
    """Switch the whole UI; returns False when the English catalogue cannot be loaded."""
    global _installed
    # Calendar popups and spin boxes speak the same language as our strings.
    QLocale.setDefault(
        QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        if lang == "en"
        else QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    )
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if lang != "en":
        return True
    translator = QTranslator(app)
    if not translator.load(str(translations_dir() / "ewarong_en.qm")):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
