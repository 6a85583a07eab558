"""``qaqpa --help`` lists every command once, under its audience; ``qaqpa worker`` is named,
not imported, by the gateway (tests/test_import_rules.py checks the imports themselves)."""

from __future__ import annotations

import click
from click.testing import CliRunner

from gateway.cli import AUDIENCES, LAZY_COMMANDS, main
from gateway.cli_group import OTHER_COMMANDS, Audience, AudienceGroup, load_command
from tests.import_graph import modules_loaded_by, within


def test_every_command_has_exactly_one_audience() -> None:
    listed = [name for audience in AUDIENCES for name in audience.commands]
    assert sorted(listed) == sorted(set(listed))
    assert set(listed) == set(main.list_commands(click.Context(main)))


def test_help_lists_each_command_once_under_its_heading() -> None:
    result = CliRunner().invoke(main, ["--help"], prog_name="qaqpa")
    assert result.exit_code == 0, result.output
    headings = [line[:-1] for line in result.output.splitlines() if line.endswith(":")]
    assert headings == ["Options", *(audience.heading for audience in AUDIENCES)]
    sections = result.output.split(f"\n{AUDIENCES[0].heading}:\n", 1)[1]
    rows = [line.split()[0] for line in sections.splitlines() if line.startswith("  ")]
    commands = [row for row in rows if not row.startswith("-")]
    assert commands == [name for audience in AUDIENCES for name in audience.commands]


def test_the_lazy_commands_resolve_to_commands_of_their_name() -> None:
    for name, reference in LAZY_COMMANDS.items():
        assert load_command(reference).name == name
        assert main.get_command(click.Context(main), name) is load_command(reference)


def test_worker_help_is_unchanged() -> None:
    result = CliRunner().invoke(main, ["worker", "--help"], prog_name="qaqpa")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: qaqpa worker [OPTIONS]\n")
    assert "--check" in result.output
    assert "--burst" in result.output


def test_importing_the_command_line_imports_no_worker_module() -> None:
    loaded = modules_loaded_by("import gateway.cli")
    assert sorted(module for module in loaded if within(module, "workers")) == []


def test_a_command_no_audience_names_is_still_listed() -> None:
    @click.group(cls=AudienceGroup, audiences=[Audience("Everyone", ("known",))])
    def group() -> None:
        """A group."""

    @group.command()
    def known() -> None:
        """Listed under its audience."""

    @group.command()
    def forgotten() -> None:
        """Listed all the same."""

    output = CliRunner().invoke(group, ["--help"]).output
    assert output.index("Everyone:") < output.index("known")
    assert output.index(f"{OTHER_COMMANDS}:") < output.index("forgotten")
