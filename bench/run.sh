#!/usr/bin/env bash
# aidep's speed benchmark: generates deterministic polyglot trees, then times the full audit
# (`aidep scan --format json -o FILE`) against ripgrep searching aidep's own literals
# (`rg -F -i -f literals`) on the same tree, interleaved, warm cache. Prints the ratio and the
# peak RSS of both. Usage: bench/run.sh [FILES...]   (default: 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000}")
runs=${RUNS:-5}
command -v rg >/dev/null || { echo "bench needs ripgrep (apt-get install ripgrep)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench needs GNU time (apt-get install time)" >&2; exit 2; }
if [ -n "${AIDEP_BIN:-}" ]; then bin=$AIDEP_BIN; else cargo build --release --quiet; bin=target/release/aidep; fi
work=${BENCH_DIR:-/tmp/aidep-bench}
mkdir -p "$work"
$bin rules literals > "$work/literals.txt"
echo "literals: $(wc -l < "$work/literals.txt")"
printf '%-8s %-10s %-10s %-7s %-12s %-12s %s\n' files aidep_s rg_s ratio aidep_rss_mb rg_rss_mb findings
for n in "${sizes[@]}"; do
  tree="$work/tree-$n"
  [ -d "$tree" ] || python3 bench/gen_tree.py "$tree" --files "$n" >/dev/null
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
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  am=$(median "${a_times[@]}"); rm_=$(median "${r_times[@]}")
  findings=$(python3 -c "import json;print(json.load(open('$work/out.json'))['summary']['findings'])")
  ratio=$(python3 -c "print(f'{max($am,0.001)/max($rm_,0.001):.2f}')")
  printf '%-8s %-10s %-10s %-7s %-12s %-12s %s\n' "$n" "$am" "$rm_" "$ratio" "$((a_rss/1024))" "$((r_rss/1024))" "$findings"
done
