"""`python -m ewarong_desktop` runs the same entry point as the `ewarong-desktop` script."""

import multiprocessing
import sys

from ewarong_desktop.cli import main

# In the installed (frozen) app, a process `check` spawns runs its task and nothing else.
multiprocessing.freeze_support()
sys.exit(main())
