"""`python -m ewarong_desktop.district` and the installer's `ewarong-district` program: the same
entry point as the `ewarong-district` script (no subcommand opens the district window)."""

import multiprocessing
import sys

from ewarong_desktop.district.cli import main

if __name__ == "__main__":
    # The window imports a stick in a child process (`district.stick`); in the frozen program
    # that child starts as this program and must be recognised here, before anything else.
    multiprocessing.freeze_support()
    sys.exit(main())
