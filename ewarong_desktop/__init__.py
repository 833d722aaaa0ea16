"""ewarong-desktop: the e-warong's ledger of food aid, stock and purchases."""

__version__ = "0.1.0"
APP_NAME = "ewarong-desktop"
