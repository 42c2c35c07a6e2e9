"""Reference numbers for tests/ge_scenarios.rs (issue 16): removing the Canada-US border.

The file's Canada-US rows carry INTL_BRDR = 1 as well as INTL_BRDR_AB = 1; as in the book,
INTL_BRDR is recoded to 0 on them first, so INTL_BRDR_AB is the Canada-US border itself.

Independent of bilat: the PPML baseline is statsmodels' Poisson GLM with exporter and
importer dummies (Germany, coded ZZZ, is the omitted importer as in Yotov et al. 2016 ch. 2);
the counterfactual is solved twice, on the coefficients of that fit:

* `gegravity` (USITC, `OneSectorGE`, sigma = 7, reference importer ZZZ): its "full GE" keeps
  baseline output and expenditure shares in the MR equations, i.e. conditional MRs plus one
  factory-gate price update -- bilat's `Mode::OneStep`. Its conditional MRs are also kept.
  `omr_rescale` is the first of 1, 10, 100, 1000 for which the baseline MRs are positive and
  every solver reports convergence.
* the full-endowment system in levels (Yotov et al. 2016 eq. 2-33-2-36; Larch & Yotov 2016),
  unknowns ln P_j^(1-s) (j != R), ln Pi_i^(1-s), ln p_i, solved by scipy.optimize.root
  (hybr) -- bilat's `Mode::Full`, which iterates the exact-hat form instead.

Run:  /work/venv-ge/bin/python crates/bilat-gravity/scripts/gegravity_reference.py \
          > crates/bilat-gravity/tests/fixtures/ge_can_usa_border.json
(python3 -m venv /work/venv-ge && /work/venv-ge/bin/pip install gegravity pandas;
gegravity 0.3, gme 1.3.1, statsmodels 0.15, scipy 1.17 when the fixture was made.)
"""

import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy.optimize
import statsmodels.api as sm

warnings.filterwarnings("ignore")
import gegravity as ge  # noqa: E402

SIGMA = 7.0
REF = "ZZZ"
COST = ["ln_DIST", "CNTG", "INTL_BRDR", "INTL_BRDR_AB"]
DATA = os.path.join(
    os.environ.get("BILAT_DATA", "/work/shared/data"),
    "gravity/agtpa/removing_specific_border_2006.csv",
)


def ppml(d):
    """PPML with exporter dummies and importer dummies minus the reference importer."""
    ex = pd.get_dummies(d["exporter"], prefix="ex", dtype=float)
    im = pd.get_dummies(d["importer"], prefix="im", dtype=float).drop(columns=["im_" + REF])
    X = pd.concat([d[COST].astype(float), ex, im], axis=1)
    res = sm.GLM(d["trade"], X, family=sm.families.Poisson()).fit(tol=1e-14, maxiter=1000)
    return {k: float(res.params[k]) for k in COST}


def run_gegravity(d, beta):
    coeffs = ge.CostCoeffs(
        pd.DataFrame([{"var": k, "coeff": v} for k, v in beta.items()]),
        identifier_col="var",
        coeff_col="coeff",
    )
    base = ge.BaselineData(
        d, imp_var_name="importer", exp_var_name="exporter", year_var_name="year",
        trade_var_name="trade", expend_var_name="E", output_var_name="Y",
    )
    for rescale in [1, 10, 100, 1000]:
        m = ge.OneSectorGE(base, year="2006", reference_importer=REF, sigma=SIGMA,
                           cost_variables=COST, cost_coeff_values=coeffs, quiet=True)
        try:
            m.build_baseline(omr_rescale=rescale)
        except ValueError:
            continue
        exp = m.baseline_data.copy()
        exp["INTL_BRDR_AB"] = 0.0
        m.define_experiment(exp)
        m.simulate()
        ok = all(v.success for v in m.solver_diagnostics.values())
        if ok:
            return m, rescale
    sys.exit("gegravity did not converge for any omr_rescale")


def full_levels(d, beta):
    """Full-endowment equilibrium in levels by a Newton-type root finder."""
    cs = sorted(set(d["exporter"]))
    n, ix = len(cs), {c: i for i, c in enumerate(cs)}
    t0, t1 = np.zeros((n, n)), np.zeros((n, n))
    for r in d.itertuples():
        i, j = ix[r.exporter], ix[r.importer]
        z = sum(beta[k] * getattr(r, k) for k in COST)
        t0[i, j] = np.exp(z)
        t1[i, j] = np.exp(z - beta["INTL_BRDR_AB"] * r.INTL_BRDR_AB)
    Y = d.groupby("exporter")["Y"].first().reindex(cs).to_numpy()
    E = d.groupby("importer")["E"].first().reindex(cs).to_numpy()
    R = ix[REF]
    others = [j for j in range(n) if j != R]

    def mr(t, y, e):
        w = y.sum()

        def f(z):
            lp = np.zeros(n)
            lp[others] = z[: n - 1]
            lo = z[n - 1:]
            r1 = lp[others] - np.log((t[:, others] * (y / w / np.exp(lo))[:, None]).sum(0))
            r2 = lo - np.log((t * (e / w / np.exp(lp))[None, :]).sum(1))
            return np.concatenate([r1, r2])

        z = scipy.optimize.root(f, np.zeros(2 * n - 1), method="hybr", tol=1e-13).x
        assert np.abs(f(z)).max() < 1e-10
        lp = np.zeros(n)
        lp[others] = z[: n - 1]
        return lp, z[n - 1:]

    lp0, lo0 = mr(t0, Y, E)
    # (beta_i p_i)^(1-s) Pi_i^(1-s) = Y_i/Y with p = 1 in the baseline.
    lbeta = np.log(Y / Y.sum()) - lo0

    def f(z):
        lp = np.zeros(n)
        lp[others] = z[: n - 1]
        lo = z[n - 1: 2 * n - 1]
        lpr = z[2 * n - 1:]
        y, e = Y * np.exp(lpr), E * np.exp(lpr)
        w = y.sum()
        r1 = lp[others] - np.log((t1[:, others] * (y / w / np.exp(lo))[:, None]).sum(0))
        r2 = lo - np.log((t1 * (e / w / np.exp(lp))[None, :]).sum(1))
        r3 = np.log(y / w) - (lbeta + (1 - SIGMA) * lpr + lo)
        return np.concatenate([r1, r2, r3])

    sol = scipy.optimize.root(f, np.concatenate([lp0[others], lo0, np.zeros(n)]),
                              method="hybr", tol=1e-13)
    # hybr may stop on "no further improvement" at machine precision: judge by the residual.
    assert np.abs(f(sol.x)).max() < 1e-10, sol.message
    z = sol.x
    lp1 = np.zeros(n)
    lp1[others] = z[: n - 1]
    lo1, lpr = z[n - 1: 2 * n - 1], z[2 * n - 1:]
    p = np.exp(lpr)
    y1, e1 = Y * p, E * p
    w0, w1 = Y.sum(), y1.sum()
    x0 = Y[:, None] * E[None, :] / w0 * t0 / np.exp(lo0[:, None] + lp0[None, :])
    x1 = y1[:, None] * e1[None, :] / w1 * t1 / np.exp(lo1[:, None] + lp1[None, :])
    inv = 1 / (1 - SIGMA)
    out = {}
    for c, i in ix.items():
        fx = lambda x: x[i].sum() - x[i, i]  # noqa: E731
        fm = lambda x: x[:, i].sum() - x[i, i]  # noqa: E731
        P0, P1 = np.exp(lp0[i] * inv), np.exp(lp1[i] * inv)
        out[c] = {
            "factory_gate_price_change_pct": 100 * (p[i] - 1),
            "omr_change_pct": 100 * (np.exp((lo1[i] - lo0[i]) * inv) - 1),
            "imr_change_pct": 100 * (P1 / P0 - 1),
            "real_gdp_change_pct": 100 * ((y1[i] / P1) / (Y[i] / P0) - 1),
            "output_change_pct": 100 * (p[i] - 1),
            "exports_change_pct": 100 * (fx(x1) / fx(x0) - 1),
            "imports_change_pct": 100 * (fm(x1) / fm(x0) - 1),
            "intranational_change_pct": 100 * (x1[i, i] / x0[i, i] - 1),
        }
    return out, float(np.abs(f(z)).max())


def main():
    d = pd.read_csv(DATA)
    # The file codes the Canada-US pairs INTL_BRDR = 1 and INTL_BRDR_AB = 1; the book's Stata
    # log (INTL_BRDR_AB -1.987681) is for the coding in which INTL_BRDR_AB replaces INTL_BRDR on
    # those pairs, so that INTL_BRDR_AB = 0 removes the border. Same model, reparametrised.
    d["INTL_BRDR"] = d["INTL_BRDR"] - d["INTL_BRDR_AB"]
    d["year"] = d["year"].astype(str)
    beta = ppml(d)
    m, rescale = run_gegravity(d, beta)
    r, mrs = m.country_results, m.country_mr_terms
    L = m.labels
    one_step = {
        c: {
            "factory_gate_price_change_pct": r.loc[c, L.factory_price_change],
            "omr_change_pct": r.loc[c, L.omr_change],
            "imr_change_pct": r.loc[c, L.imr_change],
            "real_gdp_change_pct": r.loc[c, L.gdp_change],
            "output_change_pct": r.loc[c, L.output_change],
            "exports_change_pct": r.loc[c, L.foreign_exports_change],
            "imports_change_pct": r.loc[c, L.foreign_imports_change],
            "intranational_change_pct": r.loc[c, L.intranational_trade_change],
            "omr_baseline": mrs.loc[c, L.baseline_omr],
            "imr_baseline": mrs.loc[c, L.baseline_imr],
            "omr_conditional": mrs.loc[c, L.conditional_omr],
            "imr_conditional": mrs.loc[c, L.conditional_imr],
        }
        for c in r.index
    }
    full, full_residual = full_levels(d, beta)
    json.dump(
        {
            "source": "scripts/gegravity_reference.py",
            "data": "gravity/agtpa/removing_specific_border_2006.csv",
            "experiment": "INTL_BRDR_AB=0 after INTL_BRDR -= INTL_BRDR_AB (the book's coding)",
            "sigma": SIGMA,
            "reference": REF,
            "coefficients_statsmodels": beta,
            "gegravity_omr_rescale": rescale,
            "gegravity_one_step": {c: {k: float(v) for k, v in x.items()} for c, x in one_step.items()},
            "full_levels_scipy": full,
            "full_levels_max_residual": full_residual,
        },
        sys.stdout,
        indent=1,
        sort_keys=True,
    )


if __name__ == "__main__":
    main()
