"""Reference values for bilat-gravity's acceptance tests, computed with pyfixest.

Run: /work/venv/bin/python crates/bilat-gravity/scripts/pyfixest_reference.py [DATA_DIR [MODEL ...]]
(DATA_DIR defaults to $BILAT_DATA, else /work/shared/data). Prints JSON to stdout.

Each model is fitted twice: with pyfixest's defaults and with tight tolerances
(iwls_tol=1e-12, fixef_tol=1e-12). The tight fit is the reference written into
tests/acceptance.rs, because pyfixest's default deviance tolerance (1e-8) leaves the
coefficients accurate to roughly 1e-6 only; the default-tolerance values are printed
so the difference between them is visible.
"""

import json
import os
import sys
import time

import numpy as np
import pandas as pd
import pyfixest as pf

data_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BILAT_DATA", "/work/shared/data")
df = pd.read_csv(os.path.join(data_dir, "gravity/agtpa/agtpa_applications.csv"))
df = df[df["year"].isin([1986, 1990, 1994, 1998, 2002, 2006])].reset_index(drop=True)
intl = df[df["exporter"] != df["importer"]].reset_index(drop=True)
intl_pos = intl[intl["trade"] > 0].reset_index(drop=True)
# Prior weights and an offset for the weights/offset models (tests/acceptance.rs computes the
# same columns): w = 1 + pair_id mod 5, ln_dist = log(dist).
for frame in (intl, intl_pos):
    frame["w"] = 1.0 + (frame["pair_id"] % 5)
    frame["ln_dist"] = np.log(frame["dist"])

MODELS = {
    "ppml_gravity": ("fepois", "trade ~ np.log(dist) + cntg + lang + clny | exporter^year + importer^year", intl),
    "ppml_rta": ("fepois", "trade ~ rta | pair_id + exporter^year + importer^year", df),
    "ppml_rta_lags": ("fepois", "trade ~ rta + rta_lag4 + rta_lag8 + rta_lag12 | pair_id + exporter^year + importer^year", df),
    "ols_gravity": ("feols", "np.log(trade) ~ np.log(dist) + cntg + lang + clny | exporter^year + importer^year", intl_pos),
    "ppml_gravity_weighted": ("fepois", "trade ~ np.log(dist) + cntg + lang + clny | exporter^year + importer^year", intl, {"weights": "w"}),
    "ppml_gravity_offset": ("fepois", "trade ~ cntg + lang + clny | exporter^year + importer^year", intl, {"offset": "ln_dist"}),
    "ols_gravity_weighted": ("feols", "np.log(trade) ~ np.log(dist) + cntg + lang + clny | exporter^year + importer^year", intl_pos, {"weights": "w"}),
}
VCOVS = {
    "ppml_gravity": {"cluster:pair_id": {"CRV1": "pair_id"}, "iid": "iid", "hetero": "hetero",
                     "cluster:exporter+importer": {"CRV1": "exporter+importer"}},
    "ppml_rta": {"cluster:pair_id": {"CRV1": "pair_id"}},
    "ppml_rta_lags": {"cluster:pair_id": {"CRV1": "pair_id"}},
    "ols_gravity": {"cluster:pair_id": {"CRV1": "pair_id"}, "iid": "iid", "hetero": "hetero"},
    "ppml_gravity_weighted": {"cluster:pair_id": {"CRV1": "pair_id"}, "iid": "iid", "hetero": "hetero"},
    "ppml_gravity_offset": {"cluster:pair_id": {"CRV1": "pair_id"}, "hetero": "hetero"},
    "ols_gravity_weighted": {"cluster:pair_id": {"CRV1": "pair_id"}, "iid": "iid", "hetero": "hetero"},
}
ONLY = [m for m in sys.argv[2:]]  # optional model names after DATA_DIR


def fit(kind, fml, data, vcov, tight, extra=None):
    kw = dict(extra or {})
    if tight:
        kw["fixef_tol"] = 1e-12
        kw["fixef_maxiter"] = 100_000
        if kind == "fepois":
            kw["iwls_tol"] = 1e-12
            kw["iwls_maxiter"] = 100
    f = getattr(pf, kind)
    t0 = time.perf_counter()
    m = f(fml, data=data, vcov=vcov, **kw)
    secs = time.perf_counter() - t0
    tidy = m.tidy()
    out = {
        "coefficients": [
            {"name": n, "estimate": float(r["Estimate"]), "std_error": float(r["Std. Error"]),
             "stat": float(r.iloc[2]), "p": float(r["Pr(>|t|)"])}
            for n, r in tidy.iterrows()
        ],
        "nobs": int(m._N),
        "seconds": secs,
    }
    if kind == "fepois":
        out["deviance"] = float(m.deviance)
        out["pseudo_r2"] = None if m._pseudo_r2 is None else float(m._pseudo_r2)
    return out


result = {}
for name, (kind, fml, data, *extra) in MODELS.items():
    if ONLY and name not in ONLY:
        continue
    extra = extra[0] if extra else {}
    result[name] = {"formula": fml, "rows_in": len(data), "extra": extra, "fits": {}}
    for vname, vcov in VCOVS[name].items():
        tight = fit(kind, fml, data, vcov, True, extra)
        default = fit(kind, fml, data, vcov, False, extra)
        result[name]["fits"][vname] = {"tight": tight, "default": default}
    print(name, "done", file=sys.stderr, flush=True)

print(json.dumps(result, indent=1))
