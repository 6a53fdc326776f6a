#!/usr/bin/env python3
"""Time a JSONata expression with a Python JSONata package, the way `weft jsonata bench` does.

Usage:
  peers.py time PEER EXPR_FILE INPUT_FILE ITERATIONS   PEER: jsonatapy | jsonata-python
  peers.py canon < RESULT_JSON                         normalise a result for comparison
  peers.py versions                                    print the installed peer versions

`time` compiles the expression once and parses the input once, evaluates min(1000, N)
times to warm up, then evaluates N times in batches of 10 (as Weft does, so that clock
reads do not dominate sub-microsecond evaluations) and prints:

  mode: <the evaluation call used>
  result: <the result, normalised as by `canon`>
  median: X µs per evaluation        (median over batches of the mean per evaluation)

Each peer runs in its fastest documented repeated-evaluation mode:
  jsonatapy       jsonatapy.compile(expr) once; the input converted once to a
                  jsonatapy.JsonataData; both evaluate_with_data (returns Python objects)
                  and evaluate_data_to_json (returns JSON text) are timed, the faster reported
  jsonata-python  jsonata.Jsonata(expr) once; per-call input validation (a walk over the
                  whole document) switched off with set_validate_input(False), since the
                  input comes straight from json.loads
"""

import json
import statistics
import sys
import time
from importlib import metadata

BATCH = 10


def canon(value):
    """Integral floats as ints (2.0 and 2 are the same JSON number), containers recursively."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, list):
        return [canon(v) for v in value]
    if isinstance(value, dict):
        return {k: canon(v) for k, v in value.items()}
    return value


def dumps(value):
    return json.dumps(canon(value), separators=(",", ":"), ensure_ascii=False)


def median_us(evaluate, iterations):
    for _ in range(min(1000, iterations)):
        evaluate()
    samples = []
    for _ in range(max(1, iterations // BATCH)):
        start = time.perf_counter_ns()
        for _ in range(BATCH):
            evaluate()
        samples.append((time.perf_counter_ns() - start) / BATCH / 1000)
    return statistics.median(samples)


def candidates(peer, expression, text):
    """(mode, evaluate) for each mode worth timing; the first returns Python values."""
    if peer == "jsonatapy":
        import jsonatapy

        compiled = jsonatapy.compile(expression)
        data = jsonatapy.JsonataData.from_json(text)
        yield "evaluate_with_data", lambda: compiled.evaluate_with_data(data)
        yield "evaluate_data_to_json", lambda: compiled.evaluate_data_to_json(data)
    elif peer == "jsonata-python":
        import jsonata

        compiled = jsonata.Jsonata(expression)
        compiled.set_validate_input(False)
        document = json.loads(text)
        yield "Jsonata.evaluate (validate_input off)", lambda: compiled.evaluate(document)
    else:
        raise SystemExit(f"unknown peer {peer}")


def time_peer(peer, expr_file, input_file, iterations):
    with open(expr_file) as f:
        expression = f.read()
    with open(input_file) as f:
        text = f.read()
    best = None
    result = None
    for mode, evaluate in candidates(peer, expression, text):
        if result is None:
            result = dumps(evaluate())
        us = median_us(evaluate, iterations)
        if best is None or us < best[1]:
            best = (mode, us)
    print(f"mode: {best[0]}")
    print(f"result: {result}")
    print(f"median: {best[1]:.3f} µs per evaluation")


def main(argv):
    if argv[:1] == ["time"] and len(argv) == 5:
        time_peer(argv[1], argv[2], argv[3], int(argv[4]))
    elif argv == ["canon"]:
        text = sys.stdin.read().strip()
        print(dumps(json.loads(text)) if text else "")
    elif argv == ["versions"]:
        for name in ("jsonatapy", "jsonata-python"):
            try:
                print(f"{name} {metadata.version(name)}")
            except metadata.PackageNotFoundError:
                print(f"{name} missing")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
