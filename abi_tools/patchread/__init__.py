"""Reading patches, mboxes, mailing-list threads and git ranges (see :mod:`abi_tools.patch`)."""
