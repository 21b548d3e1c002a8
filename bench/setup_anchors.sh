#!/usr/bin/env bash
# Make the anchors' virtual environment (bench/.anchors/venv) and install hazm, parsivar and shekar
# into it from bench/requirements-anchors.txt. Keeps them out of khabar's own environment.
#
# Usage: bash bench/setup_anchors.sh [--fresh]
#   --fresh   delete bench/.anchors/venv first
# Environment: ANCHORS_PYTHON=/path/to/python overrides the interpreter choice.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.anchors/venv"
reqs="$here/requirements-anchors.txt"

if [[ "${1:-}" == "--fresh" ]]; then
    rm -rf "$venv"
fi

# hazm 0.12 wants Python >= 3.12; fall back to 3.11 (pip then resolves hazm 0.10).
py="${ANCHORS_PYTHON:-}"
if [[ -z "$py" ]]; then
    for cand in python3.12 /root/.pyenv/versions/3.12.1/bin/python3.12 python3.11 python3; do
        if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import venv' >/dev/null 2>&1; then
            py="$cand"
            break
        fi
    done
fi
if [[ -z "$py" ]]; then
    echo "setup_anchors: no python3.12/python3.11 found; set ANCHORS_PYTHON=/path/to/python" >&2
    exit 1
fi
echo "setup_anchors: using $("$py" -c 'import sys; print(sys.executable, sys.version.split()[0])')"

mkdir -p "$here/.anchors"
if [[ ! -x "$venv/bin/python" ]]; then
    "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install -r "$reqs"

# Report what each anchor's normalizer needs at run time; anchors.py skips any that fail.
"$venv/bin/python" "$here/anchors.py" check || true
echo "setup_anchors: done ($venv)"
