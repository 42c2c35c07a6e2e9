"""Times pyfixest fepois for scripts/bench_vs_pyfixest.sh: one warm-up fit (JIT, caches),
then REPEAT timed fits. Prints one line: seconds per fit (median) and coefficients.

Usage: python pyfixest_time.py CSV FORMULA CLUSTER [--years Y1,Y2] [--repeat N]
"""
import sys
import time

import pandas as pd
import pyfixest as pf

csv, fml, cluster = sys.argv[1], sys.argv[2], sys.argv[3]
years = None
repeat = 3
args = sys.argv[4:]
for k, v in zip(args[::2], args[1::2]):
    if k == "--years":
        years = [int(y) for y in v.split(",")]
    elif k == "--repeat":
        repeat = int(v)
df = pd.read_csv(csv)
if years is not None:
    df = df[df["year"].isin(years)].reset_index(drop=True)
m = pf.fepois(fml, data=df, vcov={"CRV1": cluster})  # warm-up
times = []
for _ in range(repeat):
    t = time.perf_counter()
    m = pf.fepois(fml, data=df, vcov={"CRV1": cluster})
    times.append(time.perf_counter() - t)
times.sort()
print(f"pyfixest median {times[len(times) // 2]:.4f} s over {repeat} fits; coef {m.coef().to_dict()}")
