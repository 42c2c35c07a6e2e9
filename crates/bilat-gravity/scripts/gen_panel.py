"""Generates a synthetic gravity panel for benchmarks (not a test fixture).

Usage: python gen_panel.py OUT.csv [N_COUNTRIES=200] [N_YEARS=25] [SEED=42]
200 countries x 199 partners x 25 years = 995,000 rows; fixed effects exporter-year (5,000),
importer-year (5,000) and pair (39,800). Outcome y ~ Poisson(exp(0.5 rta - 0.8 log dist + FE)),
so about a third of the flows are zero.
"""
import sys

import numpy as np
import pandas as pd

out = sys.argv[1]
nc = int(sys.argv[2]) if len(sys.argv) > 2 else 200
ny = int(sys.argv[3]) if len(sys.argv) > 3 else 25
rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 42)

e, i = np.meshgrid(np.arange(nc), np.arange(nc), indexing="ij")
mask = e != i
e, i = e[mask], i[mask]
npair = e.size
pos = rng.uniform(0, 100, size=(nc, 2))
dist = np.sqrt(((pos[e] - pos[i]) ** 2).sum(1)) + 1.0
pair_fe = rng.normal(0, 0.5, npair)
exp_fe = rng.normal(0, 1, (nc, ny))
imp_fe = rng.normal(0, 1, (nc, ny))
start = rng.integers(0, ny * 2, npair)  # RTA entry year index (>= ny: never)
rows = []
year = np.repeat(np.arange(ny), npair)
ee = np.tile(e, ny)
ii = np.tile(i, ny)
pp = np.tile(np.arange(npair), ny)
rta = (year >= np.tile(start, ny)).astype(np.int8)
eta = 0.5 * rta - 0.8 * np.log(np.tile(dist, ny)) + np.tile(pair_fe, ny) + exp_fe[ee, year] + imp_fe[ii, year] + 2.0
y = rng.poisson(np.exp(eta))
df = pd.DataFrame({
    "exporter": ee, "importer": ii, "pair_id": pp, "year": 2000 + year,
    "trade": y, "rta": rta, "dist": np.round(np.tile(dist, ny), 6),
})
df.to_csv(out, index=False)
print(f"wrote {len(df)} rows, {np.mean(y == 0):.3f} zeros", file=sys.stderr)
