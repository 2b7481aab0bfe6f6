"""The command line's wiring: command names, and loading only the command that runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from abi_tools import cli

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", cli.COMMANDS)
def test_command_name_follows_module_name(module: str) -> None:
    # main() finds the module of a command from its name alone, without importing the others.
    mod = cli._load(module)
    assert mod.NAME == cli.command_name(module)


def _modules_after(*argv: str) -> set[str]:
    code = (
        "import sys, contextlib, io\n"
        "from abi_tools import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        f"        cli.main({list(argv)!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('abi_tools.commands.'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_a_command_loads_only_its_own_module() -> None:
    assert _modules_after("rules") == {"abi_tools.commands.rules"}
    assert _modules_after("--version") == {f"abi_tools.commands.{m}" for m in cli.COMMANDS}


def test_help_and_unknown_commands_still_list_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["no-such-command"])
    err = capsys.readouterr().err
    assert "invalid choice" in err
    for module in cli.COMMANDS:
        assert cli.command_name(module) in err


def test_help_is_laid_out_as_argparse_would(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The help formatter sizes itself without shutil; $COLUMNS still rules,
    # and the help reads exactly as with argparse's own formatter.
    import argparse

    def help_text(columns: str) -> str:
        monkeypatch.setenv("COLUMNS", columns)
        with pytest.raises(SystemExit):
            cli.main(["lint", "--help"])
        return capsys.readouterr().out

    ours = {c: help_text(c) for c in ("60", "120")}
    assert ours["60"] != ours["120"]
    monkeypatch.setattr(cli, "_Formatter", argparse.HelpFormatter)
    assert {c: help_text(c) for c in ("60", "120")} == ours
