#!/usr/bin/env python
"""Developer convenience: the same as the `zicht` console script."""

from zicht.cli import main

if __name__ == "__main__":
    main()
