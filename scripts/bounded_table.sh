#!/usr/bin/env bash
# The "Bounded cost" table of BENCHMARKS.md for one binary: per worst case, `recommend` with
# the costly answers, `check`, and the plain mode answering three questions; seconds and peak
# resident set (KiB) by /usr/bin/time, under a 4 GB address-space cap and a timeout.
# Usage: scripts/bounded_table.sh [BIN]   (default target/release/authwiz)
set -u
bin=${1:-target/release/authwiz}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run -q --release --example worst_case > "$dir/list"
for n in $(cut -d' ' -f1 "$dir/list"); do
  cargo run -q --release --example worst_case -- "$n" > "$dir/$n.toml"
  cargo run -q --release --example worst_case -- "$n" --answers > "$dir/$n.answers.toml"
done
measure() { # label, stdin, args...
  local label=$1 input=$2; shift 2
  local out
  out=$( { ulimit -v 4000000; printf '%b' "$input" | /usr/bin/time -f "%e s %M KiB" timeout 120 "$bin" "$@" > /dev/null 2> "$dir/err"; echo "exit $?" >> "$dir/err"; } 2>&1; tail -2 "$dir/err" | tr '\n' ' ')
  printf ' | %s: %s' "$label" "$out"
}
for n in $(cut -d' ' -f1 "$dir/list"); do
  printf '%s' "$n"
  measure recommend '' recommend --data "$dir/$n.toml" --answers "$dir/$n.answers.toml"
  measure check '' check --data "$dir/$n.toml"
  measure plain '1\n1\n1\nq\n' --plain --data "$dir/$n.toml"
  echo
done
