"""Reference values for bilat-analytics' gravity-potential test (tests/potential.rs), with pyfixest.

Run: /work/venv/bin/python crates/bilat-analytics/scripts/potential_reference.py [DATA_DIR]
(DATA_DIR defaults to $BILAT_DATA, else /work/shared/data). Prints JSON to stdout.

Model: PPML on the 2006 matrix of Head, Mayer & Ries `gravity_zeros.csv` (flows in millions of
USD, zeros included, no exporter = importer rows), exporter and importer fixed effects, the same
covariates bilat uses (`trade ~ log(dist) + contig + lang + rta + comcur | exporter + importer`),
heteroskedasticity-robust (HC1) standard errors, tight tolerances (iwls_tol = fixef_tol = 1e-12)
so the reference is the exact optimum. Then the fitted BLR->KAZ and KAZ->BLR flows.
Under "gdp": the same with log GDPs and an intercept instead of the fixed effects
(`bilat potential --spec gdp`).
"""

import json
import os
import sys

import numpy as np
import pandas as pd
import pyfixest as pf

data_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BILAT_DATA", "/work/shared/data")
df = pd.read_csv(os.path.join(data_dir, "gravity/headmayer_2006/gravity_zeros.csv"))
df = df[df["iso_o"] != df["iso_d"]].reset_index(drop=True)
fml = "flow ~ np.log(distw) + contig + comlang_off + rta + comcur | iso_o + iso_d"
m = pf.fepois(fml, data=df, vcov="hetero", fixef_tol=1e-12, fixef_maxiter=100_000,
              iwls_tol=1e-12, iwls_maxiter=100)
tidy = m.tidy()
pred = m.predict(type="response")  # fitted flows on the estimation sample, in its row order
out = {
    "pyfixest": pf.__version__,
    "formula": fml,
    "rows_in": len(df),
    "nobs": int(m._N),
    "deviance": float(m.deviance),
    "pseudo_r2": float(m._pseudo_r2),
    "coefficients": [
        {"name": n, "estimate": float(r["Estimate"]), "std_error": float(r["Std. Error"])}
        for n, r in tidy.iterrows()
    ],
    "pairs": {},
}
fitted = pd.Series(np.asarray(pred), index=m._data.index)
for o, d in [("BLR", "KAZ"), ("KAZ", "BLR")]:
    idx = df.index[(df["iso_o"] == o) & (df["iso_d"] == d)][0]
    out["pairs"][f"{o}->{d}"] = {"actual": float(df.loc[idx, "flow"]), "predicted": float(fitted.loc[idx])}
gfml = "flow ~ np.log(gdp_o) + np.log(gdp_d) + np.log(distw) + contig + comlang_off + rta + comcur"
g = pf.fepois(gfml, data=df, vcov="hetero", fixef_tol=1e-12, fixef_maxiter=100_000,
              iwls_tol=1e-12, iwls_maxiter=100)
gpred = pd.Series(np.asarray(g.predict(type="response")), index=g._data.index)
out["gdp"] = {
    "formula": gfml,
    "nobs": int(g._N),
    "coefficients": [
        {"name": n, "estimate": float(r["Estimate"]), "std_error": float(r["Std. Error"])}
        for n, r in g.tidy().iterrows()
    ],
    "pairs": {},
}
for o, d in [("BLR", "KAZ"), ("KAZ", "BLR")]:
    idx = df.index[(df["iso_o"] == o) & (df["iso_d"] == d)][0]
    out["gdp"]["pairs"][f"{o}->{d}"] = {"actual": float(df.loc[idx, "flow"]), "predicted": float(gpred.loc[idx])}
print(json.dumps(out, indent=1))
