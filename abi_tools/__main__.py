"""``python -m abi_tools``: the same as the ``abi-tools`` command."""

import sys

from abi_tools.cli import main

sys.exit(main())
