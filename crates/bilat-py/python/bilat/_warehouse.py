"""The warehouse from Python: imports, and the documents the CLI prints, as dicts and tables.

Every method builds the same request the CLI and the HTTP API build from the same parameters
(``bilat-params``) and runs the same library function, so ``Warehouse.profile(...)`` equals
``json.loads(bilat profile ... --format json)``. Only presentation lives here: dicts that
render as HTML in Jupyter, tables as pandas DataFrames, a progress bar for imports.
"""

from __future__ import annotations

import html
import json
import os
import sys
from typing import Any, Callable, Mapping

from . import _bilat

__all__ = ["Brief", "Document", "Warehouse"]

_TABLE_FORMATS = ("json", "csv", "text", "md")


class Document(dict):
    """A JSON document of an analysis (``bilat <command> --format json``) as a dict.

    It is a plain ``dict`` (``json.dumps`` and equality work), with an HTML rendering for
    Jupyter: the provenance first, then every top-level field.
    """

    def _repr_html_(self) -> str:
        rows = []
        for key, value in self.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                rows.append(f"<tr><th>{html.escape(key)}</th><td>{_records_html(value)}</td></tr>")
            else:
                text = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
                rows.append(f"<tr><th>{html.escape(key)}</th><td>{html.escape(text)}</td></tr>")
        return "<table class='bilat-document'>" + "".join(rows) + "</table>"


class Brief(str):
    """A brief as text in the format asked for; renders as HTML in Jupyter when it is HTML."""

    format: str = "html"

    def _repr_html_(self) -> str | None:
        return str(self) if self.format == "html" else None


def _records_html(records: list[dict]) -> str:
    cols = list(records[0].keys())
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in cols) + "</tr>"
        for r in records
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 1e15 else f"{v:.6g}"
    return str(v)


def _params(**kw: Any) -> dict[str, Any]:
    """The API's parameters: ``None`` left out, lists of codes joined with commas."""
    out = {}
    for k, v in kw.items():
        if v is None:
            continue
        if isinstance(v, (list, tuple)):
            v = ",".join(str(x) for x in v)
        out[k] = v
    return out


def _document(text: str, fmt: str | None) -> Document | str:
    if fmt in (None, "json"):
        return Document(json.loads(text))
    return text


class _Progress:
    """A progress bar for imports: tqdm's (notebook-aware) when installed, else one stderr line."""

    def __init__(self, label: str) -> None:
        self._bar = None
        self._label = label
        try:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=0, unit="B", unit_scale=True, desc=label)
        except ImportError:
            self._bar = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is not None:
            if self._bar.total != total:
                self._bar.total = total
            self._bar.n = done
            self._bar.refresh()
        elif total:
            sys.stderr.write(f"\r{self._label}: {100.0 * done / total:5.1f}%")
            sys.stderr.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        else:
            sys.stderr.write("\n")


class Warehouse:
    """A bilat warehouse: the directory the CLI's ``--warehouse`` names.

    ``Warehouse()`` opens the CLI's default (``$BILAT_WAREHOUSE``, else
    ``$XDG_DATA_HOME/bilat`` or ``~/.local/share/bilat``); an empty warehouse gets the demo
    world, labelled as such in every document's provenance, unless ``demo=False``.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, demo: bool = True) -> None:
        self._inner = _bilat.Warehouse(None if path is None else os.fspath(path), demo)

    @property
    def path(self) -> str:
        """The warehouse directory."""
        return str(self._inner.path)

    def __repr__(self) -> str:
        return f"bilat.Warehouse({self.path!r})"

    # -- imports --------------------------------------------------------------------------

    def _import(self, kind: str, path, lenient: bool, rejects, progress) -> dict:
        bar = None
        callback: Callable[[int, int], None] | None
        if progress is True:
            bar = _Progress(f"import {kind}")
            callback = bar
        elif callable(progress):
            callback = progress
        else:
            callback = None
        try:
            out = self._inner.import_file(
                kind,
                os.fspath(path),
                lenient,
                None if rejects is None else os.fspath(rejects),
                callback,
            )
        finally:
            if bar is not None:
                bar.close()
        return json.loads(out)

    def import_baci(self, path, *, lenient: bool = False, rejects=None, progress=True) -> dict:
        """Imports a BACI release (CSV, folder or zip) in one commit, as ``bilat import baci``.

        Strict by default: the first bad row raises :class:`bilat.DataError` with ``file``,
        ``line`` and ``column``. ``lenient=True`` writes bad rows to ``rejects`` instead.
        ``progress``: ``True`` (a bar), ``False``, or a callable ``(done_bytes, total_bytes)``.
        Returns ``{"status", "entry", "rows_read", "rejects"}``.
        """
        return self._import("baci", path, lenient, rejects, progress)

    def import_comtrade(self, path, *, lenient: bool = False, rejects=None, progress=True) -> dict:
        """Imports a UN Comtrade export (CSV), as ``bilat import comtrade``; see :meth:`import_baci`."""
        return self._import("comtrade", path, lenient, rejects, progress)

    def import_ots(self, path, *, lenient: bool = False, rejects=None, progress=True) -> dict:
        """Imports an Open Trade Statistics file, as ``bilat import ots``; see :meth:`import_baci`."""
        return self._import("ots", path, lenient, rejects, progress)

    def import_series(self, path, *, lenient: bool = False, rejects=None, progress=True) -> dict:
        """Imports a national-statistics series file, as ``bilat import series``; see :meth:`import_baci`."""
        return self._import("series", path, lenient, rejects, progress)

    # -- reads ----------------------------------------------------------------------------

    def catalog(self) -> Document:
        """What is imported (``bilat catalog --format json``)."""
        return Document(json.loads(self._inner.catalog_json()))

    def profile(self, reporter: str, partner: str, year: int, *, months=None, view=None,
                level=None, top=None, format: str = "json") -> Document | str:
        """The bilateral profile of ``reporter`` with ``partner`` (``bilat profile``): a dict
        for ``format="json"``, else the CLI's text in that format (csv, text, md)."""
        p = _params(reporter=reporter, partner=partner, year=year, months=months, view=view,
                    level=level, top=top, format=format)
        return _document(self._inner.analysis("profile", p), format)

    def profile_table(self, reporter: str, partner: str, year: int, *, flow: str = "exports",
                      months=None, view=None, level=None, top=None):
        """The top products of the profile for ``flow`` (exports or imports) as a pandas
        DataFrame (a list of dicts without pandas)."""
        if flow not in ("exports", "imports"):
            raise _bilat.UserError(f"flow: {flow!r} is not exports or imports")
        doc = self.profile(reporter, partner, year, months=months, view=view, level=level, top=top)
        records = doc[f"top_{flow}"]
        try:
            import pandas as pd
        except ImportError:
            return records
        return pd.DataFrame.from_records(records)

    def indicators(self, reporter: str, partner: str, year: int, *, format: str = "json",
                   **params: Any) -> Document | str:
        """Trade indicators of the pair (``bilat indicators``); other keywords are its flags."""
        p = _params(reporter=reporter, partner=partner, year=year, format=format, **params)
        return _document(self._inner.analysis("indicators", p), format)

    def potential(self, reporter: str, partner: str, year: int, *, method: str | None = None,
                  format: str = "json", **params: Any) -> Document | str:
        """Untapped potential (``bilat potential``): ``method="products"`` or ``"gravity"``."""
        p = _params(reporter=reporter, partner=partner, year=year, method=method, format=format,
                    **params)
        return _document(self._inner.analysis("potential", p), format)

    def partners(self, reporter: str, year: int, *, flow: str | None = None, top=None,
                 format: str = "json") -> Document | str:
        """``reporter``'s partners ranked by value, with share and growth (``bilat partners``)."""
        p = _params(reporter=reporter, year=year, flow=flow, top=top, format=format)
        return _document(self._inner.analysis("partners", p), format)

    def history(self, reporter: str, partner: str, *, format: str = "json",
                **params: Any) -> Document | str:
        """The pair's yearly totals (``bilat history``); other keywords are its flags."""
        p = _params(reporter=reporter, partner=partner, format=format, **params)
        return _document(self._inner.analysis("history", p), format)

    def brief(self, reporter: str, partner: str, year: int, *, lang: str = "en",
              format: str = "html", **params: Any) -> Brief | Document:
        """The briefing (``bilat brief``): HTML with its charts by default (renders in
        Jupyter), or md, text; ``format="json"`` gives a dict."""
        p = _params(reporter=reporter, partner=partner, year=year, lang=lang, format=format,
                    **params)
        text = self._inner.brief(p)
        if format == "json":
            return Document(json.loads(text))
        out = Brief(text)
        out.format = format
        return out

    def check(self, text: str, lang: str = "auto", format: str = "json") -> Document | str:
        """Checks every numeric claim in ``text`` against the data (``bilat check``)."""
        out = self._inner.check(text, lang, format)
        return Document(json.loads(out)) if format == "json" else out

    def sql(self, query: str):
        """Read-only SQL over ``flows``, ``series``, ``products`` and ``pairs`` → a
        ``pyarrow.Table`` (an Arrow stream object without pyarrow)."""
        return self._inner.sql(query)
