#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after another, with the corpus
# seeded from the repository's examples, fixtures and rule packs. Needs a nightly toolchain and
# cargo-fuzz (`rustup toolchain install nightly && cargo install cargo-fuzz`).
# SEED_DIRS: extra source trees (space-separated) to seed the corpus from.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]     (default: 600 seconds, every target)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}; shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
python3 fuzz/seed.py ${SEED_DIRS:-}
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  log=fuzz/logs/$t.log
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 \
    && status=clean || status="FAILED (see $log and fuzz/artifacts/$t)"
  execs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo ?)
  printf '%-20s %8ss %12s execs  %s\n' "$t" "$secs" "$execs" "$status"
done
