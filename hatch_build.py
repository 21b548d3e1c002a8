"""Build hook: compile the optional C token table of the ZWNJ pass (src/khabar/text/_scan.c).

khabar works without it (khabar.text.zwnj does the same in Python, about three times slower),
so a machine without a C compiler gets a pure-Python install and a warning, never a failed
one. ``KHABAR_PURE_PYTHON=1`` skips the compiler on purpose. ``python hatch_build.py``
compiles the module in place, for a checkout used without reinstalling.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

SOURCE = Path("src") / "khabar" / "text" / "_scan.c"


def compile_token_table(root: Path) -> Path:
    """Compile ``_scan.c`` beside itself for this interpreter; the built file's path."""
    source = root / SOURCE
    target = source.with_name("_scan" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so"))
    compiler = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    include = sysconfig.get_paths()["include"]
    # A table left from an earlier build may not match the Python code any more.
    target.unlink(missing_ok=True)
    # Written under a temporary name and moved into place, so that no import ever finds half
    # a file.
    handle, partial = tempfile.mkstemp(suffix=target.suffix, dir=target.parent)
    os.close(handle)
    try:
        subprocess.run(
            [*compiler, "-O2", "-fPIC", "-shared", f"-I{include}", str(source), "-o", partial],
            check=True,
            capture_output=True,
            text=True,
        )
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return target


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, without hatchling
    BuildHookInterface = object  # type: ignore[assignment,misc]


class CompileTokenTable(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Adds the compiled token table to wheels (and editable installs) where it builds."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("KHABAR_PURE_PYTHON"):
            return
        try:
            built = compile_token_table(Path(self.root))
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            self.app.display_warning(
                f"khabar: the C token table was not built ({detail.strip()[:300]}); "
                "the ZWNJ pass will run in pure Python"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":  # an editable install imports it from src/ directly
            build_data["force_include"][str(built)] = f"khabar/text/{built.name}"


if __name__ == "__main__":
    print(compile_token_table(Path(__file__).resolve().parent))
