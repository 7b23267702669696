"""`python -m meetings` runs the command line."""

import sys

from meetings.cli import main

sys.exit(main())
