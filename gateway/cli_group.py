"""The click group class of ``qaqpa``: help grouped by audience, commands loaded by name.

Help: ``qaqpa --help`` lists the commands under one heading per audience (who runs them), in
the order the table gives, instead of one alphabetical list.  A command the table forgets is
still listed, under "Other commands" (and a test fails).

Commands by name: ``lazy={"worker": "workers.cli:worker"}`` names a command by ``module:attr``;
the module is imported only when the command is listed or run.  The name is data: the package
that assembles the group does not import the one that owns the command, so the import rules
hold (``gateway`` imports no ``workers``) while ``qaqpa worker`` stays where it always was.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import click

OTHER_COMMANDS = "Other commands"


@dataclass(frozen=True)
class Audience:
    """A heading of the help and the top-level commands listed under it, in that order."""

    heading: str
    commands: tuple[str, ...]


def load_command(reference: str) -> click.Command:
    """The command ``module:attr`` names, its module imported now."""
    module_name, _, attribute = reference.partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{reference} is not a click command")
    return command


class AudienceGroup(click.Group):
    """A :class:`click.Group` whose help lists commands by audience, some of them by name."""

    def __init__(
        self,
        *args: Any,
        audiences: Sequence[Audience] = (),
        lazy: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.audiences = tuple(audiences)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        reference = self.lazy.get(cmd_name)
        if reference is None:
            return super().get_command(ctx, cmd_name)
        return load_command(reference)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands: dict[str, click.Command] = {}
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands[name] = command
        if not commands:
            return
        # click's own arithmetic for one list; every section shares it so the columns line up.
        width = max(len(name) for name in commands)
        limit = formatter.width - 6 - width
        placed = {name for audience in self.audiences for name in audience.commands}
        unplaced = Audience(OTHER_COMMANDS, tuple(name for name in commands if name not in placed))
        for audience in (*self.audiences, unplaced):
            rows = [
                (name.ljust(width), commands[name].get_short_help_str(limit))
                for name in audience.commands
                if name in commands  # `pki` exists only in a development checkout
            ]
            if rows:
                with formatter.section(audience.heading):
                    formatter.write_dl(rows)
