"""The ``webpub`` command line: ``main`` only dispatches.

Each command is a module in ``webpub.commands`` with ``add_arguments(parser)``
and ``run(args) -> int``; only the chosen command's module is imported, so the
pre-commit path stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import textwrap

from webpub import __version__
from webpub.core.results import UsageError
from webpub.messages import t

# name -> module. Order is the order shown in --help; each help text is cli.cmd_<name>.
COMMANDS: dict[str, str] = {
    "check": "check", "new": "new", "build": "build", "deploy": "deploy", "server-config": "server_config",
    "serve": "serve", "digest": "digest",
    "approve": "approve", "verify": "verify", "gate": "gate", "record": "record", "seal": "seal", "form": "form",
    "expire": "expire", "report": "report", "remind": "remind", "notify": "notify",
    "strip-metadata": "strip_metadata", "opendata": "opendata", "codeowners": "codeowners", "editor": "editor",
}

# argparse's own English (Python 3.11's msgids) -> the catalogue's Thai
ARGPARSE_TH = {
    "usage: ": "argparse_usage", "positional arguments": "argparse_positionals",
    "options": "argparse_options", "show this help message and exit": "argparse_help",
    "show program's version number and exit": "argparse_version",
    "%(prog)s: error: %(message)s\n": "argparse_error",
    "the following arguments are required: %s": "argparse_required",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse_choice",
    "unrecognized arguments: %s": "argparse_unrecognized",
    "expected one argument": "argparse_one", "argument %(argument_name)s: %(message)s": "argparse_argument",
    "invalid %(type)s value: %(value)r": "argparse_invalid",
    "ambiguous option: %(option)s could match %(matches)s": "argparse_ambiguous",
    "not allowed with argument %s": "argparse_not_allowed",
    "ignored explicit argument %r": "argparse_ignored",
    "one of the arguments %s is required": "argparse_one_required",
    "expected at least one argument": "argparse_at_least_one",
}


def _argparse_thai(message: str) -> str:
    key = ARGPARSE_TH.get(message)
    return t(f"cli.{key}") if key else message


def _argparse_thai_n(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return t("cli.argparse_expected")
    return singular if n == 1 else plural


class ThaiHelpFormatter(argparse.HelpFormatter):
    """Wraps help only at spaces: Thai has no spaces inside a phrase, and breaking a long
    "word" would split a vowel or tone mark from its letter."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


argparse._ = _argparse_thai  # argparse looks its messages up through this module global
argparse.ngettext = _argparse_thai_n


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="webpub",
        description=t("cli.description"),
        formatter_class=ThaiHelpFormatter,
    )
    # argparse 3.11 writes the version option's help in English as a default argument, not through _()
    parser.add_argument("--version", action="version", version=f"webpub {__version__}",
                        help=t("cli.argparse_version"))
    sub = parser.add_subparsers(dest="command", metavar=t("cli.metavar_command"))
    for name, module_name in COMMANDS.items():
        help_text = t(f"cli.cmd_{name}")
        command_parser = sub.add_parser(name, help=help_text, description=help_text,
                                        formatter_class=ThaiHelpFormatter)
        if name == chosen:
            module = _load(module_name)
            module.add_arguments(command_parser)
            command_parser.set_defaults(_run=module.run)
    return parser


def _load(module_name: str):
    try:
        return importlib.import_module(f"webpub.commands.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"webpub.commands.{module_name}":
            raise UsageError(t("cli.not_available", name=module_name)) from None
        raise


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    try:
        parser = _parser(chosen if chosen in COMMANDS else None)
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        return int(args._run(args))
    except UsageError as exc:
        print(f"webpub: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``webpub report | head``): nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # never a traceback for users; WEBPUB_DEBUG=1 shows it
        if os.environ.get("WEBPUB_DEBUG"):
            raise
        print("webpub: " + t("cli.internal_error", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        print("webpub: " + t("cli.debug_hint"), file=sys.stderr)
        return 2
