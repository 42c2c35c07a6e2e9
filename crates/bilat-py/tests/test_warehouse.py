"""bilat.Warehouse: every analysis on the demo world and on real imports (OTS, Comtrade),
equality with the CLI's JSON, located import errors, concurrent Python threads."""

import json
import os
import pathlib
import shutil
import subprocess
import threading
import time

import pytest

import bilat
from conftest import DATA, REPO, data_file

# The seed item lives beside the datasets, as the Rust tests find it ($BILAT_DATA/../seed).
SEED = DATA.parent / "seed" / "belta-belarus-kazakhstan-2019.txt"


def cli():
    """The workspace's debug `bilat` binary, if built (the CLI's JSON is the reference)."""
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    exe = target / "debug" / "bilat"
    return exe if exe.exists() else None


def test_profile_equals_cli_json(tmp_path):
    w = bilat.Warehouse(tmp_path / "wh")
    doc = w.profile("BLR", "KAZ", 2018, top=5)
    assert doc["provenance"]["source"] == "demo"
    assert len(doc["top_exports"]) == 5
    exe = cli()
    if exe is None:
        pytest.skip("the bilat binary is not built")
    out = subprocess.run(
        [exe, "--warehouse", tmp_path / "wh", "profile", "BLR", "KAZ", "--year", "2018", "--top", "5", "--format", "json"],
        check=True, capture_output=True, text=True,
    ).stdout
    assert json.loads(out) == doc


def test_every_analysis_on_demo(demo):
    assert "imports" in demo.catalog()
    t = demo.profile_table("BLR", "KAZ", 2018, flow="imports")
    assert {"code", "value_usd", "share_pct"} <= set(t.columns)
    assert t["value_usd"].is_monotonic_decreasing
    assert demo.profile("BLR", "KAZ", 2018, format="md").startswith("# Belarus")
    assert "rca_reporter" in demo.indicators("BLR", "KAZ", 2018)
    assert "directions" in demo.potential("BLR", "KAZ", 2018)
    p = demo.partners("BLR", 2018, top=3)
    assert len(p["partners"]) == 3
    assert demo.history("BLR", "KAZ")["years"]
    brief = demo.brief("BLR", "KAZ", 2018)
    assert brief._repr_html_().lstrip().startswith("<!DOCTYPE html>")
    assert demo.brief("BLR", "KAZ", 2018, lang="ru", format="md")
    table = demo.sql("select exporter, count(*) as n from flows group by exporter")
    assert table.num_rows > 0 and table.column_names == ["exporter", "n"]


def test_check_seed_text(demo):
    report = demo.check(SEED.read_text())
    assert report["claims"], "the seed text has numeric claims"
    assert {"claims", "summary"} <= set(report)


def test_user_errors(demo):
    with pytest.raises(bilat.UserError, match="XXX"):
        demo.profile("XXX", "KAZ", 2018)
    with pytest.raises(bilat.UserError):
        demo.profile("BLR", "KAZ", 2018, level=7)
    with pytest.raises(bilat.UserError):
        demo.check("   ")
    with pytest.raises(bilat.UserError):
        demo.profile_table("BLR", "KAZ", 2018, flow="both")
    with pytest.raises(bilat.BilatError):
        demo.sql("drop table flows")


def test_hints_name_this_package(demo):
    with pytest.raises(bilat.UserError) as info:
        demo.profile("Belarsu", "KAZ", 2018)
    assert info.value.fault == "user"
    assert "did you mean" in info.value.hint and "Belarus" in info.value.hint
    with pytest.raises(bilat.DataError) as info:
        demo.profile("BLR", "KAZ", 1990)
    assert info.value.fault == "data"
    assert info.value.hint and "/api/" not in info.value.hint and "--" not in info.value.hint


def test_import_ots_real(tmp_path):
    src = data_file("ots/ots_commodities_short.json")
    w = bilat.Warehouse(tmp_path / "wh", demo=False)
    seen = []
    out = w.import_ots(src, progress=lambda done, total: seen.append((done, total)))
    assert out["status"] == "committed"
    # The OTS commodity list is a products table: every entry of the file is a product row.
    entries = json.loads(src.read_text())
    assert out["entry"]["product_rows"] == len(entries)
    # Every entry of the dictionary was read, and counted (not reported as an empty read).
    assert out["rows_read"] == len(entries)
    assert seen and seen[-1][0] == seen[-1][1]
    again = w.import_ots(src, progress=False)
    assert again["status"] == "already_imported"
    n = w.sql("select count(*) as n from products").column("n")[0].as_py()
    assert n >= out["entry"]["product_rows"]


def test_import_comtrade_real(tmp_path):
    w = bilat.Warehouse(tmp_path / "wh", demo=False)
    src = data_file("comtrade/plus_usa_imports_2018_total.csv")
    out = w.import_comtrade(src, progress=False)
    assert out["status"] == "committed"
    data_rows = len(src.read_text(encoding="utf-8-sig").splitlines()) - 1
    assert out["rows_read"] == data_rows
    total = w.sql("select sum(value_usd) as v from flows").column("v")[0].as_py()
    assert total > 0


def test_malformed_import_is_located_and_commits_nothing(tmp_path):
    src = data_file("comtrade/plus_usa_imports_2018_total.csv")
    lines = src.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    bad = lines[1].split(",")
    col = next(i for i, h in enumerate(header) if h.strip('"') in ("primary_value", "primaryValue"))
    bad[col] = "12x4"
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join([lines[0], ",".join(bad), *lines[2:]]) + "\n")
    w = bilat.Warehouse(tmp_path / "wh", demo=False)
    with pytest.raises(bilat.DataError) as info:
        w.import_comtrade(broken, progress=False)
    e = info.value
    assert e.file and e.file.endswith("broken.csv")
    assert e.line == 2
    assert e.column is not None
    assert w.catalog()["imports"] == []
    lenient = w.import_comtrade(broken, lenient=True, progress=False)
    assert lenient["status"] == "committed" and lenient["rejects"]["rows"] == 1


def test_gil_released_during_analysis(demo):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    for _ in range(5):
        demo.brief("BLR", "KAZ", 2018, format="json")
    end = time.perf_counter()
    stop.set()
    t.join()
    during = [x for x in ticks if start <= x <= end]
    # With the GIL held for the whole call the other thread could not tick at all.
    assert len(during) > 5
