"""`python -m ewarong_desktop` runs the same entry point as the `ewarong-desktop` script."""

import multiprocessing
import sys

# In the installed (frozen) app, a process `check` spawns runs its task and nothing else
# (before the CLI's imports, so it starts quickly).
multiprocessing.freeze_support()

from ewarong_desktop.cli import main  # noqa: E402

sys.exit(main())
