"""`python -m casebook check` runs the same command as `casebook check`."""

import sys

from casebook.cli import main

sys.exit(main())
