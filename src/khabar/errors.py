"""Every error khabar raises on purpose.

Each message says what was wrong and what to do; the CLI prints it as one line and exits
with the error's ``exit_code``. The tree, so callers can catch a whole family::

    KhabarError
    ├── InputError     unreadable, binary or undecodable input (exit 2)
    ├── OptionError    an option with a value that is not allowed (exit 2)
    └── DataError      khabar's own language data is missing or broken (exit 3)
"""

from __future__ import annotations


class KhabarError(Exception):
    """Base of every error khabar raises on purpose."""

    exit_code = 1


class InputError(KhabarError):
    """The input cannot be read as text: binary, undecodable, missing."""

    exit_code = 2


class OptionError(KhabarError, ValueError):
    """An option was given a value outside the allowed set."""

    exit_code = 2


class DataError(KhabarError):
    """A data file that ships with khabar is missing or malformed (a packaging bug)."""

    exit_code = 3
