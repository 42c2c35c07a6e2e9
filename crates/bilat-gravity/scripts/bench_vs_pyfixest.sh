#!/usr/bin/env bash
# Times bilat-gravity against pyfixest `fepois` in one run on the same machine, warm:
#   (1) trade ~ rta | pair_id + exporter^year + importer^year on agtpa_applications.csv
#       (years 1986..2006 step 4), clustered by pair;
#   (2) the same model on a generated panel of ~1,000,000 rows (gen_panel.py: 200 countries,
#       25 years; fixed effects exporter-year 5,000, importer-year 5,000, pair 39,800).
# Both sides read the CSV, fit once to warm up (pyfixest: JIT and caches), then fit REPEAT
# times; the median fit time is reported. Peak memory is the whole process (`/usr/bin/time -v`,
# maximum resident set size), reading the CSV included on both sides.
#
# Usage: scripts/bench_vs_pyfixest.sh [REPEAT=3]
# Env:   BILAT_DATA (default <workspace>/../shared/data), PYTHON (default /work/venv/bin/python),
#        BENCH_DIR for the generated panel (default ${TMPDIR:-/tmp}/bilat-gravity-bench),
#        CARGO_TARGET_DIR as usual.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
crate="$(dirname "$here")"
workspace="$(cd "$crate/../.." && pwd)"
data="${BILAT_DATA:-$workspace/../shared/data}"
python="${PYTHON:-/work/venv/bin/python}"
repeat="${1:-3}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/bilat-gravity-bench}"
target="${CARGO_TARGET_DIR:-$workspace/target}"
mkdir -p "$bench_dir"

(cd "$workspace" && cargo build --release -q -p bilat-gravity --example fit_csv)
bin="$target/release/examples/fit_csv"

panel="$bench_dir/panel_1m.csv"
[ -f "$panel" ] || "$python" "$here/gen_panel.py" "$panel"

agtpa="$data/gravity/agtpa/agtpa_applications.csv"
years="1986,1990,1994,1998,2002,2006"
formula="trade ~ rta | pair_id + exporter^year + importer^year"

# run NAME CMD... : runs under /usr/bin/time -v, keeps stdout+stderr in $bench_dir/NAME.log
run() {
    local name="$1"; shift
    /usr/bin/time -v "$@" > "$bench_dir/$name.log" 2>&1
}

echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for case in agtpa panel; do
    if [ "$case" = agtpa ]; then
        file="$agtpa"; yarg=(--years "$years")
    else
        file="$panel"; yarg=()
    fi
    run "bilat_$case" "$bin" "$file" "$formula" "${yarg[@]}" --vcov cluster:pair_id --repeat $((repeat + 1))
    run "pyfixest_$case" "$python" "$here/pyfixest_time.py" "$file" "$formula" pair_id "${yarg[@]}" --repeat "$repeat"
done

"$python" - "$bench_dir" <<'PY'
import re, statistics, sys
d = sys.argv[1]
def rss(log):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1)) / 1024
def cpu(log):
    u = float(re.search(r"User time \(seconds\): ([\d.]+)", log).group(1))
    s = float(re.search(r"System time \(seconds\): ([\d.]+)", log).group(1))
    return u + s
print(f"{'case':8} {'bilat s':>9} {'pyfixest s':>11} {'ratio':>7} {'iters':>6} {'sweeps':>7} {'bilat MB':>9} {'pyfixest MB':>12} {'CPU s b/p':>12}")
for case in ["agtpa", "panel"]:
    b = open(f"{d}/bilat_{case}.log").read()
    p = open(f"{d}/pyfixest_{case}.log").read()
    fits = [(float(t), int(i), int(s)) for t, i, s in re.findall(r"fit \d+: ([\d.]+) s \((\d+) iterations, (\d+) sweeps", b)]
    bt = statistics.median([f[0] for f in fits[1:]])  # first fit is the warm-up
    pt = float(re.search(r"pyfixest median ([\d.]+) s", p).group(1))
    print(f"{case:8} {bt:9.3f} {pt:11.3f} {pt / bt:6.1f}x {fits[-1][1]:6d} {fits[-1][2]:7d} {rss(b):9.0f} {rss(p):12.0f} {cpu(b):5.1f}/{cpu(p):5.1f}")
    coef_b = re.search(r"^rta\s+(\S+)", b, re.M).group(1)
    coef_p = re.search(r"'rta'\)?: ([\d.eE+-]+)", p).group(1)
    print(f"         rta: bilat {coef_b}, pyfixest {float(coef_p):.6f}")
PY
