"""Sub-commands of ``abi-tools``.

Each module here exposes ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``; :mod:`abi_tools.cli` lists them in ``COMMANDS``.
A command wires stages together and owns no logic of its own.
"""
