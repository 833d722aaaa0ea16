"""Every action of the window's pages and the subcommand that does the same job headless.

Kept beside the pages: a button added to a page without a line here, or a line naming a
subcommand that does not exist, fails `tests/cli/test_window_actions.py`, which reads the
buttons from the pages' source. Keys are the page module and the button's attribute name;
values are the subcommand, with the option that does it when it takes one.

Plain data: nothing here imports Qt, so the test runs without a window.
"""

from __future__ import annotations

ACTIONS: dict[str, dict[str, str]] = {
    "counter": {
        "unlisted_button": "kpm add --unlisted",
        "add_button": "redeem --item",
        "remove_button": "redeem --item",  # the basket is the list of --item
        "confirm_button": "redeem",
        "receipt_button": "receipt",
        "folder_button": "receipt --out",  # the shell names the file it writes
    },
    "counter_today": {
        "receipt_button": "receipt",
        "void_button": "void",
        "daily_button": "daily",
    },
    "daily_dialog": {"print_button": "daily --out"},
    "district_key_dialog": {"enrol_button": "district-key --fingerprint"},
    "fund": {
        "buttons[tranche]": "fund tranche",
        "buttons[use]": "fund use",
        "buttons[void]": "fund void",
        "buttons[pdf]": "fund report --out",
        "buttons[xlsx]": "fund report --out",
        "target_save": "target",
        "tax_button": "supplier tax-id",
    },
    "kpm": {
        "add_button": "kpm add",
        "edit_button": "kpm edit",
        "active_button": "kpm deactivate",  # and `kpm activate`
        "import_button": "import-kpm",
    },
    "kpm_import_dialog": {
        "again": "import-kpm --dry-run",
        "save_rejects": "import-kpm --rejects",
        "apply": "import-kpm",
    },
    "printing_settings": {"save_button": "printing"},
    "purchases": {
        "add_button": "purchase add --item",
        "remove_button": "purchase add --item",
        "save_button": "purchase add",
        "void_button": "purchase void",
    },
    "reports": {
        "pdf_button": "report --out",
        "xlsx_button": "report --out",
        "statements_button": "statements",
        "roster_button": "roster",
    },
    "settings": {
        "save_profile": "profile --name",
        "confirm_month": "working-month",
        "my_pin": "change-pin",
        "add_rate": "rates add",
        "add_product": "product add",
        "edit_product": "product edit",
        "toggle_product": "product deactivate",  # and `product activate`
        "add_operator": "operator add",
        "set_pin": "operator pin",
        "toggle_operator": "operator deactivate",  # and `operator activate`
        "recovery_code": "recovery-code",
        # Not buttons: choices that save at once.
        "paper": "profile --receipt-width",
        "statements_sheet": "profile --statements-per-sheet",
    },
    "stock": {"adjust_button": "stock --adjust", "all_button": "stock"},
    "sync": {
        "export_button": "export",
        "enrol_button": "enrolment",
        "backup_button": "backup --to",
        "again_button": "export --again",
        "district_button": "district-key",
        "receive_button": "receive",
        "accept_rates_button": "receive --accept-rates",
        "kpm_list_button": "import-kpm",  # the Dinas's list, kept in the key folder
    },
    "void_dialog": {"ok": "void --reason"},  # and `purchase void --reason`
}

# Buttons that are no job of their own: they close a dialog, choose a file or look again.
NOT_ACTIONS: dict[str, dict[str, str]] = {
    "counter": {"clear_button": "starts the next KPM; each redeem is one KPM anyway"},
    "daily_dialog": {"close": "closes the dialog"},
    "district_key_dialog": {
        "browse": "chooses the file; district-key takes FILE",
        "cancel": "closes the dialog, nothing enrolled",
    },
    "kpm_import_dialog": {
        "choose": "chooses the file; import-kpm takes FILE",
        "close": "closes the dialog",
    },
    "sync": {"rescan_button": "looks for USB sticks again; export takes --out DIR"},
    "void_dialog": {"keep": "closes the dialog, nothing voided"},
}
