"""Shared fixtures: the real datasets under $BILAT_DATA (default ../shared/data from the repo)."""

import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
DATA = pathlib.Path(os.environ.get("BILAT_DATA", REPO.parent / "shared" / "data"))


def data_file(rel: str) -> pathlib.Path:
    p = DATA / rel
    if not p.exists():
        pytest.fail(f"{p} is missing: set BILAT_DATA to the shared datasets")
    return p


@pytest.fixture(scope="session")
def agtpa():
    import numpy as np
    import pandas as pd

    df = pd.read_csv(data_file("gravity/agtpa/agtpa_applications.csv"))
    df = df[df["year"].isin([1986, 1990, 1994, 1998, 2002, 2006])].reset_index(drop=True)
    intl = df[df["exporter"] != df["importer"]].reset_index(drop=True)
    intl["w"] = 1.0 + (intl["pair_id"] % 5)
    intl["ln_dist"] = np.log(intl["dist"])
    return {"all": df, "intl": intl, "intl_pos": intl[intl["trade"] > 0].reset_index(drop=True)}


@pytest.fixture()
def demo(tmp_path):
    import bilat

    return bilat.Warehouse(tmp_path / "wh")
