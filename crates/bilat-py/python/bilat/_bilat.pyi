"""Type stubs of the extension module (the Rust half); the public API is in `bilat`."""

from typing import Any, Callable, Mapping

import numpy as np
import numpy.typing as npt

__version__: str

class BilatError(Exception):
    fault: str
    file: str | None
    line: int | None
    column: int | None
    hint: str | None

class UserError(BilatError): ...
class DataError(BilatError): ...
class InternalError(BilatError): ...

def fit(
    family: str,
    fml: str,
    data: Any,
    vcov: str,
    weights: str | None = None,
    offset: str | None = None,
    tol: float | None = None,
    fe_tol: float | None = None,
    max_iter: int | None = None,
    separation: list[str] | None = None,
    drop_singletons: bool = True,
) -> Fit: ...

class Fit:
    family: str
    formula: str
    names: list[str]
    table: list[tuple[float, float, float, float, float, float]]
    vcov: list[list[float]]
    vcov_type: str
    nobs: int
    nrows_input: int
    converged: bool
    iterations: int
    deviance: float
    loglik: float | None
    pseudo_r2: float | None
    r2: float | None
    r2_within: float | None
    df_t: int
    warnings: list[str]
    collinear: list[str]
    dropped: dict[str, int]
    separated_rows: npt.NDArray[np.int64]
    rows: npt.NDArray[np.int64]
    fitted: npt.NDArray[np.float64]
    outcome: npt.NDArray[np.float64]
    def fixef(self) -> list[tuple[str, list[str], list[float]]]: ...
    def predict(self, newdata: Any) -> npt.NDArray[np.float64]: ...
    def to_text(self) -> str: ...
    def to_markdown(self) -> str: ...
    def to_json(self) -> str: ...

class Warehouse:
    def __init__(self, path: str | None = None, demo: bool = True) -> None: ...
    @property
    def path(self) -> str: ...
    def catalog_json(self) -> str: ...
    def analysis(self, analysis: str, params: Mapping[str, Any] | None = None) -> str: ...
    def brief(self, params: Mapping[str, Any] | None = None) -> str: ...
    def check(self, text: str, lang: str | None = None, format: str | None = None) -> str: ...
    def sql(self, query: str) -> Any: ...
    def import_file(
        self,
        kind: str,
        path: str,
        lenient: bool = False,
        rejects: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> str: ...
