"""bilat.fepois vs pyfixest.fepois in one Python process, same data frame, warm (issue 14's target).

Models: the AGTPA three-way RTA model (trade ~ rta | pair_id + exporter^year + importer^year,
CRV1 by pair) and a generated 1M-row panel with three fixed effects. Times include the conversion
from pandas (both libraries take the same pandas DataFrame object). Each is timed best-of-N after
one warm-up call. Peak memory: each library in a fresh child process, warm (one fit first, so
pyfixest's numba compilation is not counted against it), the kernel's peak-RSS mark reset
(/proc/self/clear_refs), then one fit: peak RSS minus the RSS before it, so one library's
allocations do not hide the other's.

    python bench/fepois_vs_pyfixest.py [--repeat N]    # needs a release build: maturin develop --release
"""

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd

DATA = os.environ.get("BILAT_DATA", os.path.join(os.path.dirname(__file__), "../../../../shared/data"))


def agtpa():
    df = pd.read_csv(os.path.join(DATA, "gravity/agtpa/agtpa_applications.csv"))
    return df[df["year"].isin([1986, 1990, 1994, 1998, 2002, 2006])].reset_index(drop=True)


def panel(n=1_000_000, seed=7):
    """y ~ x1 + x2 | a + b + c: 1M rows, 2000 × 500 × 50 levels, Poisson outcome."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2000, n)
    b = rng.integers(0, 500, n)
    c = rng.integers(0, 50, n)
    x1 = rng.normal(size=n)
    x2 = rng.normal(size=n)
    fa, fb, fc = rng.normal(0, 0.5, 2000), rng.normal(0, 0.5, 500), rng.normal(0, 0.5, 50)
    mu = np.exp(0.3 * x1 - 0.2 * x2 + fa[a] + fb[b] + fc[c])
    return pd.DataFrame({"y": rng.poisson(mu).astype(float), "x1": x1, "x2": x2,
                         "a": a.astype(str), "b": b.astype(str), "c": c.astype(str)})


CASES = {
    "agtpa_rta": (agtpa, "trade ~ rta | pair_id + exporter^year + importer^year", {"CRV1": "pair_id"}),
    "panel_1m_3fe": (panel, "y ~ x1 + x2 | a + b + c", "hetero"),
}


def run(lib, case, df=None):
    load, fml, vcov = CASES[case]
    df = load() if df is None else df
    if lib == "bilat":
        import bilat

        fit = lambda: bilat.fepois(fml, df, vcov=vcov)
    else:
        import pyfixest as pf

        fit = lambda: pf.fepois(fml, data=df, vcov=vcov)
    return df, fit


def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def child(lib, case):
    """One warm fit in a fresh process: peak RSS above the RSS before it, in MiB."""
    df, fit = run(lib, case)
    import gc

    fit()
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current RSS
    base = status_kib("VmRSS")
    m = fit()
    peak = status_kib("VmHWM")
    print(json.dumps({"extra_mib": (peak - base) / 1024, "coef": float(m.coef().iloc[0])}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    results = {}
    for case in CASES:
        row = {}
        data = CASES[case][0]()
        for lib in ("bilat", "pyfixest"):
            df, fit = run(lib, case, data)
            m = fit()  # warm-up (imports, JIT compilation of pyfixest's numba kernels)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                m = fit()
                times.append(time.perf_counter() - t0)
            out = subprocess.run([sys.executable, __file__, "--child", lib, case],
                                 capture_output=True, text=True, check=True).stdout
            mem = json.loads(out.strip().splitlines()[-1])
            row[lib] = {"seconds": min(times), "coef": float(m.coef().iloc[0]), "peak_extra_mib": mem["extra_mib"]}
        row["speedup"] = row["pyfixest"]["seconds"] / row["bilat"]["seconds"]
        row["memory_ratio"] = row["bilat"]["peak_extra_mib"] / max(row["pyfixest"]["peak_extra_mib"], 1e-9)
        results[case] = row
        print(case, json.dumps(row), flush=True)
    return results


if __name__ == "__main__":
    main()
