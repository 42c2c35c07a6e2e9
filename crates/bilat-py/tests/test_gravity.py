"""bilat.fepois / bilat.feols against pyfixest, live, on the AGTPA and Head–Mayer 2006 data.

Tolerances are the issue's: coefficients to 1e-6 relative, standard errors to 1e-4 relative.
pyfixest runs with tight tolerances so that its own convergence error is below ours.
"""

import numpy as np
import pandas as pd
import pytest

import bilat
from conftest import data_file

pf = pytest.importorskip("pyfixest")

TIGHT = {"fixef_tol": 1e-12, "fixef_maxiter": 100_000}


def assert_same(ours, theirs, coef_rtol=1e-6, se_rtol=1e-4):
    c_ours, c_theirs = ours.coef(), theirs.coef()
    assert list(c_ours.index) == list(c_theirs.index)
    np.testing.assert_allclose(c_ours.values, c_theirs.values, rtol=coef_rtol)
    np.testing.assert_allclose(ours.se().values, theirs.se().values, rtol=se_rtol)
    assert ours.nobs == int(theirs._N)


GRAVITY = "trade ~ np.log(dist) + cntg + lang + clny | exporter^year + importer^year"


@pytest.mark.parametrize("vcov", ["iid", "hetero", {"CRV1": "pair_id"}])
def test_ppml_gravity_matches_pyfixest(agtpa, vcov):
    ours = bilat.fepois(GRAVITY, agtpa["intl"], vcov=vcov)
    theirs = pf.fepois(GRAVITY, data=agtpa["intl"], vcov=vcov, iwls_tol=1e-12, **TIGHT)
    assert_same(ours, theirs)
    assert ours.tidy().shape[0] == 4


def test_ppml_three_way_rta_matches_pyfixest(agtpa):
    fml = "trade ~ rta | pair_id + exporter^year + importer^year"
    ours = bilat.fepois(fml, agtpa["all"], vcov={"CRV1": "pair_id"})
    theirs = pf.fepois(fml, data=agtpa["all"], vcov={"CRV1": "pair_id"}, iwls_tol=1e-12, **TIGHT)
    assert_same(ours, theirs)


def test_ols_gravity_matches_pyfixest(agtpa):
    fml = "np.log(trade) ~ np.log(dist) + cntg + lang + clny | exporter^year + importer^year"
    for vcov in ["iid", {"CRV1": "pair_id"}]:
        ours = bilat.feols(fml, agtpa["intl_pos"], vcov=vcov)
        theirs = pf.feols(fml, data=agtpa["intl_pos"], vcov=vcov, **TIGHT)
        assert_same(ours, theirs)


def test_weights_and_offset_match_pyfixest(agtpa):
    d = agtpa["intl"]
    ours = bilat.fepois(GRAVITY, d, vcov={"CRV1": "pair_id"}, weights="w")
    theirs = pf.fepois(GRAVITY, data=d, vcov={"CRV1": "pair_id"}, weights="w", iwls_tol=1e-12, **TIGHT)
    assert_same(ours, theirs)
    fml = "trade ~ cntg + lang + clny | exporter^year + importer^year"
    ours = bilat.fepois(fml, d, vcov="hetero", offset="ln_dist")
    theirs = pf.fepois(fml, data=d, vcov="hetero", offset="ln_dist", iwls_tol=1e-12, **TIGHT)
    assert_same(ours, theirs)


def test_head_mayer_2006_matches_pyfixest():
    df = pd.read_csv(data_file("gravity/headmayer_2006/gravity_zeros.csv"))
    num = [c for c in df.columns if df[c].dtype.kind in "fi"]
    # The two columns named like fixest's own examples; skip cleanly if the file changed shape.
    cols = set(df.columns)
    exp = next(c for c in ("iso_o", "exporter", "iso3_o") if c in cols)
    imp = next(c for c in ("iso_d", "importer", "iso3_d") if c in cols)
    flow = next(c for c in ("flow", "trade", "tradeflow") if c in cols)
    dist = next(c for c in ("distw", "dist") if c in cols)
    regs = [c for c in ("contig", "comlang_off", "colony") if c in cols and c in num]
    fml = f"{flow} ~ np.log({dist}) + {' + '.join(regs)} | {exp} + {imp}"
    d = df[[exp, imp, flow, dist, *regs]].dropna()
    d = d[d[dist] > 0].reset_index(drop=True)
    ours = bilat.fepois(fml, d, vcov="hetero")
    theirs = pf.fepois(fml, data=d, vcov="hetero", iwls_tol=1e-12, **TIGHT)
    assert_same(ours, theirs)


def test_inputs_pandas_polars_pyarrow_dict_agree(agtpa):
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    d = agtpa["intl"][["exporter", "importer", "year", "trade", "dist", "cntg", "lang", "clny"]]
    base = bilat.fepois(GRAVITY, d).coef()
    for frame in (pl.from_pandas(d), pa.Table.from_pandas(d), {c: d[c].to_numpy() for c in d}):
        np.testing.assert_allclose(bilat.fepois(GRAVITY, frame).coef().values, base.values, rtol=1e-12)


def test_fit_accessors(agtpa, capsys):
    m = bilat.fepois(GRAVITY, agtpa["intl"], vcov={"CRV1": "pair_id"})
    ci = m.confint()
    assert (ci.iloc[:, 0] < m.coef()).all() and (m.coef() < ci.iloc[:, 1]).all()
    assert ((m.pvalue() >= 0) & (m.pvalue() <= 1)).all()
    np.testing.assert_allclose(m.tstat().values, (m.coef() / m.se()).values)
    fe = m.fixef()
    assert any("exporter" in k for k in fe)
    mu = m.predict(type="response")
    assert len(mu) == m.nobs and np.all(mu > 0)
    assert len(m.resid()) == m.nobs
    m.summary()  # prints, as pyfixest's does
    assert "log(dist)" in capsys.readouterr().out
    assert "<table" in m._repr_html_()


def test_bad_formula_and_column_are_user_errors(agtpa):
    with pytest.raises(bilat.UserError):
        bilat.fepois("trade ~ ", agtpa["intl"])
    with pytest.raises(bilat.UserError, match="nope"):
        bilat.fepois("trade ~ nope | exporter", agtpa["intl"])
    with pytest.raises(bilat.UserError):
        bilat.fepois(GRAVITY, agtpa["intl"], weights="no_such_weight")
