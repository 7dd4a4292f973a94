#!/usr/bin/env bash
# Every command-line command the README names, run in quick mode in a fresh environment
# that has only the base install (`pip install .`, as `make demo` does): a command the
# README advertises must work after the README's set-up.
#
#   .ci/readme_commands.sh                 # fresh venv in a temporary folder (needs pip access)
#   CLUSTERNET_PYTHON=.venv/bin/python .ci/readme_commands.sh   # an existing environment
#
# The script fails when the README names a `clusternet COMMAND` this script does not run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "${CLUSTERNET_PYTHON:-}" ]]; then
  "${PYTHON:-python3}" -m venv "$work/venv"
  "$work/venv/bin/python" -m pip install --quiet --upgrade pip
  "$work/venv/bin/python" -m pip install --quiet "$repo"   # base dependencies only
  py="$work/venv/bin/python"
else
  py="$(cd "$(dirname "$CLUSTERNET_PYTHON")" && pwd)/$(basename "$CLUSTERNET_PYTHON")"
fi
cli=("$py" -m clusternet.cli)

# the commands this script runs; the README may name no other
covered=(--help datasets demo generate analyze simulate sweep study target)
named=$(grep -oE '`clusternet (--help|[a-z]+)' "$repo/README.md" | sed 's/`clusternet //' | sort -u)
for cmd in $named; do
  if [[ ! " ${covered[*]} " == *" $cmd "* ]]; then
    echo "README names \`clusternet $cmd\`, which .ci/readme_commands.sh does not run" >&2
    exit 1
  fi
done

cd "$work"
run() {
  echo "+ clusternet $*"
  local start=$SECONDS
  "${cli[@]}" "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; echo "FAILED: clusternet $*" >&2; exit 1; }
  echo "  ok ($((SECONDS - start)) s)"
}

run --help
run datasets
run demo --steps 3 --out demo-out        # `make demo` with fewer simulated steps
run generate --preset datang --firms 2000 --out c.npz
run analyze c.npz --out analyze-out
run simulate c.npz --scenario certification --steps 5 --out sim.csv
cat > sweep.toml <<'TOML'
reps = 2
seed = 1
workers = 1
out = "sweep-out"
[grid]
platform_subsidy = [0.0, 0.9]
[fixed]
n_firms = 200
steps = 5
TOML
run sweep sweep.toml --quiet
for name in liushi taizhou datang; do
  run study "$name" --quick --workers 1 --out "study-$name"
done
run target c.npz --k 3 --sims 20 --out target-out
test -s demo-out/report.html && test -s study-taizhou/report.html && compgen -G "sweep-out/*.parquet" > /dev/null \
  || { ls -R "$work" | head -50; echo "an expected output file is missing" >&2; exit 1; }
echo "every README command ran"
