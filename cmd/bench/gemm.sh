#!/bin/sh
# gemm.sh prints the GFLOP/s of internal/kernel's Gemm (BenchmarkGemm) and of
# numpy's OpenBLAS at the same shapes, the two interleaved per round.
#
# Usage, from the repository root: sh cmd/bench/gemm.sh [rounds]
set -eu
rounds=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
(cd "$root" && go test -c -o "$bin" ./internal/kernel)
for r in $(seq "$rounds"); do
	"$bin" -test.run '^$' -test.bench 'BenchmarkGemm$' -test.benchtime 0.5s |
		awk '/GFLOP/ { sub(/-[0-9]+$/, "", $1); sub(/^BenchmarkGemm\//, "", $1);
			printf "{\"shape\": \"%s\", \"gflops\": %s, \"engine\": \"hessgo\"}\n", $1, $5 }'
	# OpenBLAS picks its own core type and cache sizes for this run.
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$root/cmd/bench/openblas_gemm.py"
done
