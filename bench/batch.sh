#!/bin/sh
# batch.sh: `pbdocs batch` end to end on N synthetic cases from gen_cases (5% of them invalid),
# N = 1,000, 10,000 and 100,000 (or BATCH_SIZES), with --jobs 1 and --jobs 2: letters/s, MB/s of
# PDF written, peak RSS (from the run's own summary line), and the CPU time per letter, which
# other load on the machine does not change (the load average is shown for that reason).
# Cases and outputs go to build/bench/. Outputs are deleted only when every run is done: on this
# machine's ext4 (no journal) creating a file costs far more for minutes after many deletions
# (the allocator skips recently freed inodes), which would slow the runs that follow.
# BUILD selects the build folder (default build/release, whose binary is ./pbdocs).
set -e
b=${BUILD:-build/release}
pbdocs=./pbdocs
[ "$b" = build/release ] || pbdocs=$b/pbdocs
dir=build/bench
mkdir -p "$dir"
trash=$dir/trash.$$
mkdir -p "$trash"
for old in "$dir"/out-*; do if [ -e "$old" ]; then mv "$old" "$trash/"; fi; done
trap 'rm -rf "$trash"' EXIT
timer=
[ -x /usr/bin/time ] && timer="/usr/bin/time -f %U+%S -o $dir/cpu"
for n in ${BATCH_SIZES:-1000 10000 100000}; do
  cases=$dir/cases-$n.xml
  [ -s "$cases" ] || "$b/bench/gen_cases" "$n" --seed 42 -o "$cases"
  for jobs in 1 2; do
    out=$dir/out-$n-jobs$jobs
    echo 0+0 >"$dir/cpu"
    rc=0
    $timer "$pbdocs" batch "$cases" -o "$out" --jobs "$jobs" 2>"$dir/batch.err" || rc=$?
    if [ "$rc" -gt 1 ]; then cat "$dir/batch.err" >&2; exit 1; fi
    cpu=$(tail -n 1 "$dir/cpu")
    load=$(cut -d' ' -f1 /proc/loadavg)
    # batch: P produced, R rejected, S s, L letters/s, M MB/s, peak RSS X MB
    grep '^batch: ' "$dir/batch.err" | awk -v n="$n" -v j="$jobs" -v cpu="$cpu" -v load="$load" '{
      split(cpu, c, "+"); t = c[1] + c[2]
      printf "batch %6d cases --jobs %d: %5d letters/s %5.1f MB/s  peak RSS %5.1f MB  (%d letters in %s s; CPU %.2f ms/letter; load %s)\n",
             n, j, $8, $10, $14, $2, $6, $2 ? 1000 * t / $2 : 0, load }'
    mv "$out" "$trash/"
  done
done
