"""``python -m arsheet`` runs the command line."""

import sys

from arsheet.cli import main

sys.exit(main())
