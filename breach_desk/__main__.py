"""``python -m breach_desk``."""

import sys

from breach_desk.cli import main

sys.exit(main())
