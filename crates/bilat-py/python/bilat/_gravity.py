"""pyfixest-compatible gravity estimation: :func:`fepois`, :func:`feols` and :class:`Fit`.

The estimator is ``bilat-gravity`` (Rust): PPML by IRLS or OLS with fixed effects absorbed by
alternating projections, cluster-robust (CRV1), heteroskedasticity-robust (HC1) or iid
standard errors with fixest's small-sample corrections, and ppmlhdfe's separation checks.
This module only gives it pyfixest's signature, defaults and result accessors, so that
``pf.fepois(...)`` can be swapped for ``bilat.fepois(...)``:

* ``vcov`` defaults to ``"iid"`` as in pyfixest ≥ 0.30 (fixest clusters by the first fixed
  effect instead; pass ``{"CRV1": "exporter"}`` for that).
* Coefficient names are pyfixest's: a formula that spells ``np.log(dist)`` gets a coefficient
  named ``np.log(dist)``.
* Results are pandas objects when pandas is installed (``coef()`` a Series named
  ``Estimate``, ``tidy()`` a DataFrame with pyfixest's columns), plain dicts otherwise.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any, Mapping, Sequence

import numpy as np

from . import _bilat

_TIDY_COLUMNS = ["Estimate", "Std. Error", "t value", "Pr(>|t|)", "2.5%", "97.5%"]


def _vcov_label(vcov: str | Mapping[str, str] | None) -> str:
    """pyfixest's ``vcov`` argument as bilat's label (``iid``, ``hetero``, ``cluster:A+B``)."""
    if vcov is None:
        return "iid"
    if isinstance(vcov, str):
        v = vcov.strip()
        if v in ("iid", "hetero"):
            return v
        if v in ("HC1", "hc1"):
            return "hetero"
        raise NotImplementedError(
            f"vcov={vcov!r}: bilat computes 'iid', 'hetero' (HC1) and {{'CRV1': 'var'}}"
        )
    if isinstance(vcov, Mapping):
        if len(vcov) != 1:
            raise ValueError(f"vcov={vcov!r}: give one entry, e.g. {{'CRV1': 'pair_id'}}")
        (kind, cluster), = vcov.items()
        if kind != "CRV1":
            raise NotImplementedError(
                f"vcov={vcov!r}: bilat computes CRV1 cluster-robust errors (not {kind})"
            )
        if not isinstance(cluster, str) or not cluster.strip():
            raise ValueError(f"vcov={vcov!r}: name the cluster variable(s), e.g. 'pair_id'")
        return "cluster:" + cluster.replace(" ", "")
    raise TypeError(f"vcov must be a string or a dict, not {type(vcov).__name__}")


def _name_mapper(fml: str):
    """Coefficient names as pyfixest prints them for this formula (``np.log`` kept)."""
    if "np.log(" not in fml:
        return lambda name: name
    pattern = re.compile(r"(?<![\w.])log\(")
    return lambda name: pattern.sub("np.log(", name)


def _estimate(
    family: str,
    fml: str,
    data: Any,
    vcov: str | Mapping[str, str] | None,
    weights: str | None,
    offset: str | None,
    tol: float | None,
    fixef_tol: float | None,
    maxiter: int | None,
    separation_check: Sequence[str] | None,
    fixef_rm: str,
) -> "Fit":
    if not isinstance(fml, str):
        raise TypeError(f"fml must be a formula string, not {type(fml).__name__}")
    if weights is not None and not isinstance(weights, str):
        raise TypeError("weights must be the name of a column of data")
    if offset is not None and not isinstance(offset, str):
        raise TypeError("offset must be the name of a column of data")
    if fixef_rm not in ("singleton", "none"):
        raise ValueError(f"fixef_rm={fixef_rm!r}: use 'singleton' or 'none'")
    raw = _bilat.fit(
        family,
        fml,
        data,
        _vcov_label(vcov),
        weights=weights,
        offset=offset,
        tol=tol,
        fe_tol=fixef_tol,
        max_iter=maxiter,
        separation=None if separation_check is None else list(separation_check),
        drop_singletons=fixef_rm == "singleton",
    )
    return Fit(raw, fml)


def fepois(
    fml: str,
    data: Any,
    vcov: str | Mapping[str, str] | None = None,
    weights: str | None = None,
    offset: str | None = None,
    fixef_rm: str = "singleton",
    iwls_tol: float = 1e-08,
    iwls_maxiter: int = 25,
    separation_check: Sequence[str] | None = None,
    fixef_tol: float | None = None,
) -> "Fit":
    """Poisson pseudo-maximum likelihood with high-dimensional fixed effects (PPML).

    Parameters follow ``pyfixest.fepois``: ``fml`` in fixest syntax (``y ~ x1 + np.log(x2)
    + x1:x3 + i(f) | fe1 + fe2^fe3``), ``data`` any data frame with ``__arrow_c_stream__``
    (pandas ≥ 2.2, polars, pyarrow, DuckDB) or a dict of columns, ``vcov`` ``"iid"``
    (default), ``"hetero"`` or ``{"CRV1": "pair_id"}`` (``"a+b"`` for two-way clustering),
    ``weights`` and ``offset`` column names, ``separation_check`` a subset of
    ``["fe", "ir"]`` (default ``["fe"]``). ``iwls_tol`` is the relative deviance change at
    which IRLS stops; bilat's own default (1e-10, tighter than pyfixest's 1e-8) is used when
    it is left at 1e-8, so that coefficients agree with a tight-tolerance fit to 1e-6.
    """
    tol = None if iwls_tol == 1e-08 else iwls_tol
    maxiter = None if iwls_maxiter == 25 else iwls_maxiter
    checks = ["fe"] if separation_check is None else separation_check
    return _estimate(
        "poisson", fml, data, vcov, weights, offset, tol, fixef_tol, maxiter, checks, fixef_rm
    )


def feols(
    fml: str,
    data: Any,
    vcov: str | Mapping[str, str] | None = None,
    weights: str | None = None,
    fixef_rm: str = "singleton",
    fixef_tol: float | None = None,
) -> "Fit":
    """Ordinary least squares with high-dimensional fixed effects (``pyfixest.feols``).

    ``np.log(trade) ~ np.log(dist) + cntg | exporter^year + importer^year``: rows where the
    log is undefined are dropped, as pyfixest drops them. Arguments as in :func:`fepois`.
    """
    return _estimate(
        "gaussian", fml, data, vcov, weights, None, None, fixef_tol, None, None, fixef_rm
    )


def _pandas():
    try:
        import pandas as pd
    except ImportError:  # pandas is optional: plain containers then
        return None
    return pd


class Fit:
    """A fitted gravity model with pyfixest's accessors.

    Series and DataFrames when pandas is installed (indexed by ``Coefficient``), dicts
    otherwise. ``raw`` is the extension's object (``bilat._bilat.Fit``).
    """

    def __init__(self, raw: "_bilat.Fit", fml: str):
        self.raw = raw
        self._fml = fml
        rename = _name_mapper(fml)
        self._names = [rename(n) for n in raw.names]
        self._table = raw.table

    # -- coefficients -------------------------------------------------------------------
    def _series(self, column: int, label: str):
        values = [row[column] for row in self._table]
        pd = _pandas()
        if pd is None:
            return dict(zip(self._names, values))
        return pd.Series(values, index=pd.Index(self._names, name="Coefficient"), name=label)

    def coef(self):
        """Estimates (pyfixest: ``Estimate``)."""
        return self._series(0, "Estimate")

    def se(self):
        """Standard errors (pyfixest: ``Std. Error``)."""
        return self._series(1, "Std. Error")

    def tstat(self):
        """t (OLS) or z (Poisson) statistics (pyfixest: ``t value``)."""
        return self._series(2, "t value")

    def pvalue(self):
        """Two-sided p-values: Student's t for OLS, normal for Poisson, as fixest."""
        return self._series(3, "Pr(>|t|)")

    def confint(self, alpha: float = 0.05):
        """Confidence intervals (``2.5%`` and ``97.5%`` columns at the default ``alpha``)."""
        lo_name = f"{100 * alpha / 2:g}%"
        hi_name = f"{100 * (1 - alpha / 2):g}%"
        if math.isclose(alpha, 0.05):
            lows = [r[4] for r in self._table]
            highs = [r[5] for r in self._table]
        else:
            q = self._quantile(1 - alpha / 2)
            lows = [r[0] - q * r[1] for r in self._table]
            highs = [r[0] + q * r[1] for r in self._table]
        pd = _pandas()
        if pd is None:
            return {n: (lo, hi) for n, lo, hi in zip(self._names, lows, highs)}
        return pd.DataFrame(
            {lo_name: lows, hi_name: highs}, index=pd.Index(self._names, name="Coefficient")
        )

    def _quantile(self, p: float) -> float:
        try:
            from scipy import stats
        except ImportError as e:  # only for alpha other than 0.05
            raise ImportError("confint(alpha≠0.05) needs scipy") from e
        if self.raw.family == "poisson":
            return float(stats.norm.ppf(p))
        return float(stats.t.ppf(p, self.raw.df_t))

    def tidy(self):
        """The coefficient table: pyfixest's columns, indexed by ``Coefficient``."""
        pd = _pandas()
        rows = [list(r) for r in self._table]
        if pd is None:
            return {n: dict(zip(_TIDY_COLUMNS, r)) for n, r in zip(self._names, rows)}
        return pd.DataFrame(rows, columns=_TIDY_COLUMNS, index=pd.Index(self._names, name="Coefficient"))

    def vcov(self) -> np.ndarray:
        """The variance–covariance matrix of the coefficients."""
        return np.asarray(self.raw.vcov, dtype=float)

    # -- model facts --------------------------------------------------------------------
    @property
    def nobs(self) -> int:
        """Observations in the estimation sample."""
        return self.raw.nobs

    @property
    def _N(self) -> int:  # noqa: N802 — pyfixest's name
        return self.raw.nobs

    @property
    def deviance(self) -> float:
        return self.raw.deviance

    @property
    def loglik(self) -> float | None:
        return self.raw.loglik

    @property
    def pseudo_r2(self) -> float | None:
        return self.raw.pseudo_r2

    @property
    def r2(self) -> float | None:
        return self.raw.r2

    @property
    def r2_within(self) -> float | None:
        return self.raw.r2_within

    @property
    def converged(self) -> bool:
        return self.raw.converged

    @property
    def iterations(self) -> int:
        return self.raw.iterations

    @property
    def vcov_type(self) -> str:
        return self.raw.vcov_type

    @property
    def warnings(self) -> list[str]:
        return self.raw.warnings

    @property
    def collinear(self) -> list[str]:
        """Regressors dropped as collinear."""
        return self.raw.collinear

    @property
    def dropped(self) -> dict[str, int]:
        """Observations dropped: missing, singletons, separated (by the fe and relu checks)."""
        return self.raw.dropped

    @property
    def separated_rows(self) -> np.ndarray:
        """0-based rows of the data dropped as separated (ppmlhdfe's checks)."""
        return self.raw.separated_rows

    @property
    def rows(self) -> np.ndarray:
        """0-based rows of the data in the estimation sample."""
        return self.raw.rows

    # -- fixed effects, predictions, residuals ------------------------------------------
    def fixef(self) -> dict[str, dict[str, float]]:
        """Fixed effects as pyfixest gives them: ``{"C(fe)": {level: value}}``."""
        return {f"C({name})": dict(zip(levels, values)) for name, levels, values in self.raw.fixef()}

    def predict(self, newdata: Any = None, type: str = "link") -> np.ndarray:  # noqa: A002
        """Predictions, as pyfixest: ``type="link"`` (the default, η = Xβ + fixed effects
        + offset) or ``"response"`` (E[y], μ = exp(η) for Poisson). Without ``newdata``, on
        the estimation sample; with it, for every row (NaN where a fixed-effect level was
        not estimated)."""
        if type not in ("link", "response"):
            raise ValueError(f"type={type!r}: use 'link' or 'response'")
        poisson = self.raw.family == "poisson"
        mu = self.raw.fitted if newdata is None else self.raw.predict(newdata)
        if poisson and type == "link":
            with np.errstate(divide="ignore"):
                return np.log(mu)
        return mu

    def resid(self) -> np.ndarray:
        """Response residuals y − ŷ on the estimation sample."""
        return self.raw.outcome - self.raw.fitted

    # -- presentation -------------------------------------------------------------------
    def summary(self) -> None:
        """Prints the regression table (bilat's layout of fixest's ``summary``)."""
        print(self.raw.to_text())

    def to_markdown(self) -> str:
        return self.raw.to_markdown()

    def to_json(self) -> str:
        """The fit as ``bilat gravity --format json`` prints it."""
        return self.raw.to_json()

    def __repr__(self) -> str:
        return self.raw.to_text()

    def _repr_html_(self) -> str:
        """A regression table for notebooks: estimates, errors, stars, and the fit's facts."""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in ["", *_TIDY_COLUMNS])
        body = []
        for name, row in zip(self._names, self._table):
            stars = "***" if row[3] < 0.001 else "**" if row[3] < 0.01 else "*" if row[3] < 0.05 else ""
            cells = "".join(f"<td>{v:.6g}</td>" for v in row)
            body.append(f"<tr><th>{html.escape(name)}{stars}</th>{cells}</tr>")
        facts = [
            f"{'PPML' if self.raw.family == 'poisson' else 'OLS'}: {html.escape(self._fml)}",
            f"observations {self.nobs:,}",
            f"standard errors {html.escape(self.vcov_type)}",
        ]
        if self.pseudo_r2 is not None:
            facts.append(f"pseudo R² {self.pseudo_r2:.4f}")
        if self.r2 is not None:
            facts.append(f"R² {self.r2:.4f}")
        caption = " · ".join(facts)
        notes = "".join(f"<li>{html.escape(w)}</li>" for w in self.warnings)
        return (
            f"<table class='bilat-fit'><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            + (f"<ul>{notes}</ul>" if notes else "")
        )
