#!/usr/bin/env python3
"""bench/run's raw measurements (metric, size, value a line) as a table on stdout and JSON in a file.

Usage: summarise.py RAW.tsv OUT.json CRITICAL_S LRO_S    (bench/run calls it)
       summarise.py --self-check                        (checks this file on made-up measurements)

A value "a/b" is a per-environment figure (a total over b environments). CRITICAL_S is the emulator's latency an apply
of one environment must wait for besides its run commands (extension + flux configuration + 3 reconcile steps);
each run command adds LRO_S.
"""
import json
import statistics
import sys
import tempfile
from collections import defaultdict


def number(value):
    if "/" in value:
        total, count = value.split("/")
        return float(total) / float(count)
    return float(value)


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def summarise(lines, critical_s, lro_s):
    raw = defaultdict(list)
    notes, settings = [], ""
    for line in lines:
        if not line.strip():
            continue
        metric, size, value = line.rstrip("\n").split("\t", 2)
        if metric == "note":
            notes.append(value)
        elif metric == "setting":
            settings = value
        else:
            raw[(metric, int(size))].append(number(value))
    sizes = sorted({size for (metric, size) in raw if metric == "rebuild_s"})
    result = {"settings": settings, "notes": notes, "sizes": {}, "oneShot": {}}
    base = statistics.median(raw[("rebuild_s", 1)]) if raw.get(("rebuild_s", 1)) else None
    for size in sizes:
        entry = {metric: spread(values) for (metric, s), values in raw.items() if s == size and metric not in
                 ("validate_s", "plan_offline_s", "status_s", "status_gets", "az_gets_s")}
        if base:
            entry["ratio_to_one"] = entry["rebuild_s"]["median"] / base
        result["sizes"][str(size)] = entry
    for metric in ("validate_s", "plan_offline_s", "status_s", "az_gets_s", "status_gets"):
        values = [v for (m, s), vs in raw.items() if m == metric for v in vs]
        if values:
            result["oneShot"][metric] = spread(values)
    if base is not None and raw.get(("run_commands_per_env", 1)):
        waited = critical_s + statistics.median(raw[("run_commands_per_env", 1)]) * lro_s
        result["applyOverhead"] = {"wall_s": base, "emulator_latency_s": waited, "overhead_s": base - waited}
    return result


def fmt(s, unit=""):
    if s["min"] == s["max"]:
        return f"{s['median']:.4g}{unit}"
    return f"{s['median']:.4g}{unit} ({s['min']:.4g}-{s['max']:.4g})"


def table(result):
    rows = [("measurement", "result: median (min-max)")]
    for size, e in result["sizes"].items():
        ratio = f", {e['ratio_to_one']:.2f}x one" if "ratio_to_one" in e else ""
        exits = "" if e["rebuild_exit"]["max"] == 0 else f", EXIT {e['rebuild_exit']['max']:.0f}"
        rows.append((f"rebuild of {size}: wall time", fmt(e["rebuild_s"], " s") + ratio + exits))
        rows.append((f"rebuild of {size}: ARM requests / run commands / writes per env",
                     f"{e['requests_per_env']['median']:.1f} / {e['run_commands_per_env']['median']:.1f} / {e['writes_per_env']['median']:.1f}"))
        pushes = e['pushes_per_env']['median']
        rows.append((f"rebuild of {size}: Git pushes (commits) per env",
                     f"{pushes:.2g} ({pushes * int(size):.0f} in all)"))
        if "apply_peak_mib" in e:
            rows.append((f"rebuild of {size}: peak RSS, aksflux / emulator", f"{fmt(e['apply_peak_mib'], ' MiB')} / {fmt(e['emulator_peak_mib'], ' MiB')}"))
        noop_exit = "" if e["noop_exit"]["max"] == 0 else f", EXIT {e['noop_exit']['max']:.0f}"
        rows.append((f"no-op re-apply of {size}: wall, writes, pushes, requests per env",
                     f"{fmt(e['noop_s'], ' s')}, {e['noop_writes']['max']:.0f} writes, {e['noop_pushes']['max']:.0f} pushes, "
                     f"{e['noop_requests_per_env']['median']:.1f} requests{noop_exit}"))
    one = result["oneShot"]
    if "applyOverhead" in result:
        o = result["applyOverhead"]
        rows.append(("apply of 1 beyond the emulator's latency on its critical path",
                     f"{o['overhead_s']:.1f} s ({o['wall_s']:.1f} s wall - {o['emulator_latency_s']:.1f} s waited for)"))
    labels = {"validate_s": "validate (9 shipped environments)", "plan_offline_s": "plan snd4 --offline --output json",
              "status_s": "status of one environment"}
    for metric, label in labels.items():
        if metric in one:
            gets = f" ({one['status_gets']['median']:.0f} GETs)" if metric == "status_s" and "status_gets" in one else ""
            rows.append((label + gets, fmt({k: v * 1000 if k != "runs" else v for k, v in one[metric].items()}, " ms")))
    if "az_gets_s" in one:
        ms = {k: v * 1000 if k != "runs" else v for k, v in one["az_gets_s"].items()}
        ratio = one["status_s"]["median"] / one["az_gets_s"]["median"]
        rows.append((f"the same GETs with az rest, one after the other", fmt(ms, " ms") + f"; status / az = {ratio:.2f}"))
    width = max(len(r[0]) for r in rows)
    out = [f"{a:<{width}}  {b}" for a, b in rows]
    out += [f"note: {n}" for n in result["notes"]]
    return "\n".join(out)


def self_check():
    raw = "\n".join([
        "setting\t0\textension_lro=20s", "note\t0\taz rows skipped: az is not installed",
        "rebuild_s\t1\t30.0", "rebuild_s\t1\t32.0", "rebuild_s\t1\t31.0", "rebuild_exit\t1\t0",
        "requests_per_env\t1\t40/1", "run_commands_per_env\t1\t2/1", "writes_per_env\t1\t4/1", "pushes_per_env\t1\t2/1",
        "noop_s\t1\t3.0", "noop_exit\t1\t0", "noop_writes\t1\t0", "noop_pushes\t1\t0", "noop_requests_per_env\t1\t9/1",
        "rebuild_s\t9\t62.0", "rebuild_exit\t9\t0", "requests_per_env\t9\t360/9", "run_commands_per_env\t9\t18/9",
        "writes_per_env\t9\t36/9", "pushes_per_env\t9\t18/9", "noop_s\t9\t5", "noop_exit\t9\t0", "noop_writes\t9\t0",
        "noop_pushes\t9\t0", "noop_requests_per_env\t9\t81/9", "status_s\t1\t0.9", "status_s\t1\t1.1", "status_gets\t1\t3",
        "az_gets_s\t3\t1.5",
    ])
    result = summarise(raw.splitlines(), 25.0, 2.0)
    one = result["sizes"]["1"]
    assert one["rebuild_s"] == {"median": 31.0, "min": 30.0, "max": 32.0, "runs": [30.0, 32.0, 31.0]}, one["rebuild_s"]
    assert result["sizes"]["9"]["ratio_to_one"] == 2.0
    assert result["sizes"]["9"]["requests_per_env"]["median"] == 40.0
    assert result["applyOverhead"] == {"wall_s": 31.0, "emulator_latency_s": 29.0, "overhead_s": 2.0}, result["applyOverhead"]
    assert result["oneShot"]["status_s"]["median"] == 1.0 and result["notes"] == ["az rows skipped: az is not installed"]
    text = table(result)
    assert "rebuild of 9: wall time" in text and "2.00x one" in text and "status / az = 0.67" in text, text
    assert "2 (18 in all)" in text, text
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as f:
        json.dump(result, f)
        f.seek(0)
        assert json.load(f)["sizes"]["9"]["pushes_per_env"]["median"] == 2.0
    print("summarise.py self-check: ok")


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-check"]:
        self_check()
        sys.exit(0)
    raw_file, out_file, critical, lro = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    with open(raw_file) as f:
        result = summarise(f.readlines(), critical, lro)
    with open(out_file, "w") as f:
        json.dump(result, f, indent=2)
    print(table(result))
    print(f"(JSON: {out_file})")
