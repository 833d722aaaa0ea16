"""`python -m ewarong_desktop` runs the same entry point as the `ewarong-desktop` script."""

import sys

from ewarong_desktop.cli import main

sys.exit(main())
