#!/usr/bin/env bash
# aidep's speed benchmark: generates deterministic polyglot trees, then times the full audit
# (`aidep scan --format json -o FILE`) against ripgrep searching aidep's own literals
# (`rg -F -i -f literals`) on the same tree, interleaved, warm cache. Prints the median wall
# times, their ratio and the peak RSS of both.
#
# Usage: bench/run.sh [FILES|DIR...]      (default: 10000)
#   FILES  a generated tree of that many files (bench/gen_tree.py, kept under $BENCH_DIR)
#   DIR    an existing tree, e.g. a checkout of a real repository
# Environment: RUNS (default 5), AIDEP_BIN (default: build the release binary),
#   BENCH_DIR (default /tmp/aidep-bench), CHECK_BASE=REF to also time `aidep check --base REF`
#   on every DIR that is a git work tree.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("${@:-10000}")
runs=${RUNS:-5}
command -v rg >/dev/null || { echo "bench needs ripgrep (apt-get install ripgrep)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench needs GNU time (apt-get install time)" >&2; exit 2; }
if [ -n "${AIDEP_BIN:-}" ]; then bin=$AIDEP_BIN; else cargo build --release --quiet; bin=target/release/aidep; fi
work=${BENCH_DIR:-/tmp/aidep-bench}
mkdir -p "$work"
$bin rules literals > "$work/literals.txt"
echo "literals: $(wc -l < "$work/literals.txt"), runs: $runs, cores: $(nproc)"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { python3 -c "print(f'{max($1,0.001)/max($2,0.001):.2f}')"; }

printf '%-24s %-9s %-9s %-9s %-7s %-10s %-10s %s\n' tree files aidep_s rg_s ratio aidep_MB rg_MB findings
for t in "${targets[@]}"; do
  if [ -d "$t" ]; then
    tree=$t; label=$(basename "$t")
  else
    tree="$work/tree-$t"; label=$t
    [ -d "$tree" ] || python3 bench/gen_tree.py "$tree" --files "$t" >/dev/null
  fi
  # warm the cache
  $bin scan "$tree" --format json -o /dev/null -q; rg -F -i -f "$work/literals.txt" "$tree" >/dev/null || true
  a_times=(); r_times=(); a_rss=0; r_rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/a.time" $bin scan "$tree" --format json -o "$work/out.json" -q
    /usr/bin/time -f '%e %M' -o "$work/r.time" rg -F -i -f "$work/literals.txt" "$tree" >/dev/null || true
    read -r at am < "$work/a.time"; read -r rt rm < "$work/r.time"
    a_times+=("$at"); r_times+=("$rt")
    (( am > a_rss )) && a_rss=$am; (( rm > r_rss )) && r_rss=$rm
  done
  am=$(median "${a_times[@]}"); rm_=$(median "${r_times[@]}")
  read -r files findings < <(python3 -c "import json;s=json.load(open('$work/out.json'))['summary'];print(s['files_scanned'], s['findings'])")
  printf '%-24s %-9s %-9s %-9s %-7s %-10s %-10s %s\n' "$label" "$files" "$am" "$rm_" "$(ratio "$am" "$rm_")" \
    "$((a_rss/1024))" "$((r_rss/1024))" "$findings"

  if [ -n "${CHECK_BASE:-}" ] && git -C "$tree" rev-parse --git-dir >/dev/null 2>&1; then
    c_times=(); c_rss=0
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e %M' -o "$work/c.time" $bin check "$tree" --base "$CHECK_BASE" --exit-zero -q -o /dev/null
      read -r ct cm < "$work/c.time"; c_times+=("$ct"); (( cm > c_rss )) && c_rss=$cm
    done
    cm_=$(median "${c_times[@]}")
    echo "  check --base $CHECK_BASE: ${cm_}s (scan ${am}s, ×$(ratio "$cm_" "$am")), peak RSS $((c_rss/1024)) MB"
  fi
done
