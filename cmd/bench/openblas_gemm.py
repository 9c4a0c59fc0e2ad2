#!/usr/bin/env python3
"""GFLOP/s of numpy's matrix product (OpenBLAS) at the shapes of
internal/kernel's BenchmarkGemm, timed as the workloads are: a warm-up, then
five slices of about 0.2 s, the median of the per-product means.
Names give m x k x n, or the stored shapes for the transposed cases."""
import json
import statistics
import time

import numpy as np


def blas():
    """The BLAS library that numpy has loaded, by its file name."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            if "openblas" in line:
                return "openblas"
    return "blas"


ENGINE = "numpy-%s-%s" % (np.__version__, blas())

SHAPES = [  # name, m, k, n, transA, transB
    ("512x512x512", 512, 512, 512, False, False),
    ("128x784x256", 128, 784, 256, False, False),
    ("128x256x256", 128, 256, 256, False, False),
    ("128x256x10", 128, 256, 10, False, False),
    ("512x784x1024", 512, 784, 1024, False, False),
    ("512x1024x1024", 512, 1024, 1024, False, False),
    ("AT.B_784x128x256", 784, 128, 256, True, False),
    ("A.BT_128x256x784", 128, 256, 784, False, True),
    ("AT.B_256x128x256", 256, 128, 256, True, False),
    ("A.BT_128x256x256", 128, 256, 256, False, True),
    ("32x16x16", 32, 16, 16, False, False),
    ("128x10x256", 128, 10, 256, False, False),
    ("AT.B_256x128x10", 256, 128, 10, True, False),
    ("A.BT_128x10x256", 128, 10, 256, False, True),
    ("512x1024x10", 512, 1024, 10, False, False),
    ("AT.B_1024x512x10", 1024, 512, 10, True, False),
    ("A.BT_512x10x1024", 512, 10, 1024, False, True),
]

rng = np.random.default_rng(1)
for name, m, k, n, ta, tb in SHAPES:
    a = rng.standard_normal((k, m) if ta else (m, k))
    b = rng.standard_normal((n, k) if tb else (k, n))
    A, B = (a.T if ta else a), (b.T if tb else b)
    A @ B
    means = []
    for _ in range(5):
        count, start = 0, time.perf_counter()
        while True:
            A @ B
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 0.2 and count >= 3:
                break
        means.append(elapsed / count)
    t = statistics.median(means)
    print(json.dumps({"shape": name, "gflops": round(2 * m * n * k / t / 1e9, 2),
                      "engine": ENGINE}), flush=True)
