#!/usr/bin/env bash
# Parser + screen throughput (JMH), reported in MB/s per input. On demand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench -DskipTests install
java -jar bench/jmh/target/benchmarks.jar -rf json -rff /tmp/scarab-emulator-bench.json "$@" | tee /tmp/scarab-emulator-bench.txt
python3 - <<'PY'
import json, re
sizes = dict(re.findall(r'\[input (\w+): (\d+) bytes\]', open('/tmp/scarab-emulator-bench.txt').read()))
for r in json.load(open('/tmp/scarab-emulator-bench.json')):
    name = r['params']['input']; ops = r['primaryMetric']['score']; err = r['primaryMetric']['scoreError']
    mb = ops * int(sizes[name]) / 1e6
    print(f"{name:4s}: {mb:8.1f} MB/s  (±{err * int(sizes[name]) / 1e6:.1f}, {ops:.2f} passes/s over {int(sizes[name])/1e6:.1f} MB)")
PY
