#!/bin/sh
# compare.sh runs every workload in hessgo and in PyTorch (1 and 2 threads),
# one workload at a time so that the engines share the machine's state, and
# prints a Markdown table of milliseconds and ratios hessgo/PyTorch, taking
# the faster PyTorch setting per workload. With several rounds, each
# engine's time is its fastest round: on a shared machine the noise only ever
# adds time.
#
# Usage, from the repository root:
#
#	sh cmd/bench/compare.sh [seconds [rounds]]
#
# It needs /usr/bin/python3 with torch (apt-get install -y python3-torch) and
# shared/bench/pytorch_baseline.py; without them it prints hessgo's lines only.
set -eu
secs=${1:-1}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
py=${PYTHON:-/usr/bin/python3}
baseline=${BASELINE:-$root/../shared/bench/pytorch_baseline.py}
[ -f "$baseline" ] || baseline=/work/shared/bench/pytorch_baseline.py
out=$(mktemp)
trap 'rm -f "$out" "$out.bin"' EXIT
(cd "$root" && go build -o "$out.bin" ./cmd/bench)
torch=yes
if [ ! -f "$baseline" ] || ! "$py" -c 'import torch' 2>/dev/null; then
	echo "compare.sh: no PyTorch baseline; timing hessgo only" >&2
	torch=
fi
for r in $(seq "$rounds"); do
	for w in $("$out.bin" -list); do
		"$out.bin" -only "$w" -seconds "$secs" >>"$out"
		if [ -n "$torch" ]; then
			for t in 1 2; do
				"$py" "$baseline" --threads "$t" --only "$w" --seconds "$secs" >>"$out"
			done
		fi
	done
done
if [ -z "$torch" ]; then
	cat "$out"
	exit 0
fi
"$py" - "$out" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    e = rows.setdefault(r["workload"], {})
    if r["engine"].startswith("hessgo"):
        if "hessgo" not in e or r["ms"] < e["hessgo"]["ms"]:
            e["hessgo"] = r
    else:
        k = "torch%d" % r["threads"]
        e[k] = min(e.get(k, r["ms"]), r["ms"])
print("| workload | hessgo ms | PyTorch 1 thread ms | PyTorch 2 threads ms | ratio | hessgo allocs/iter | hessgo bytes/iter | hessgo peak RSS MiB |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for w, e in rows.items():
    h = e["hessgo"]
    best = min(e["torch1"], e["torch2"])
    print("| %s | %.4g | %.4g | %.4g | %.2f | %g | %g | %g |" % (w, h["ms"], e["torch1"],
          e["torch2"], h["ms"] / best, h["allocs_per_iter"], h["bytes_per_iter"],
          h["peak_rss_mib"]))
PY
