"""bilat for Python: bilateral trade intelligence over the same Rust crates as the `bilat` CLI.

Two halves:

* **Gravity**, pyfixest-compatible: :func:`fepois` and :func:`feols` take fixest's formula
  syntax (``"trade ~ np.log(dist) + cntg | exporter^year + importer^year"``), a pandas,
  polars or pyarrow data frame (anything with ``__arrow_c_stream__``, or a dict of columns),
  ``vcov="iid" | "hetero" | {"CRV1": "pair_id"}``, ``weights=`` and ``offset=`` column names,
  and return a :class:`Fit` with pyfixest's accessors (``coef()``, ``se()``, ``tidy()``, …).
* **The warehouse**: :class:`Warehouse` imports BACI, UN Comtrade, OTS and series files and
  answers profiles, briefs, indicators, potential, partner rankings, histories, claim checks
  and SQL — the documents ``bilat <command> --format json`` prints, as dicts.

Errors are :class:`UserError` (a mistake in what was asked) or :class:`DataError` (the data
cannot answer; a malformed input file carries ``file``, ``line`` and ``column``), both
:class:`BilatError`, with the CLI's messages. The GIL is released while Rust computes.
"""

from ._bilat import BilatError, DataError, InternalError, UserError, __version__
from ._gravity import Fit, feols, fepois
from ._warehouse import Brief, Document, Warehouse

__all__ = [
    "BilatError",
    "Brief",
    "DataError",
    "Document",
    "Fit",
    "InternalError",
    "UserError",
    "Warehouse",
    "__version__",
    "feols",
    "fepois",
]
