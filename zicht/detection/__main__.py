"""``python -m zicht.detection detect ...`` behaves like ``zicht detect ...``."""

import sys

from zicht.detection.cli import main

sys.exit(main(sys.argv[1:]))
