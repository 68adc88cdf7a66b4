#!/usr/bin/env bash
# Fetches FunctionRegistry.java of the Hive releases the function parity
# table reads (hive-exec sources jars from Maven Central, checked by
# SHA-256) into DIR/<version>/, for
#   go run ./translate/funcparity/gen -hive DIR
set -euo pipefail
dir=${1:?usage: scripts/hive-registry.sh DIR}
mkdir -p "$dir"
while read -r version sum; do
	jar="$dir/hive-exec-$version-sources.jar"
	[ -f "$jar" ] || curl -fsSL -o "$jar" "https://repo1.maven.org/maven2/org/apache/hive/hive-exec/$version/hive-exec-$version-sources.jar"
	echo "$sum  $jar" | sha256sum -c --quiet -
	mkdir -p "$dir/$version"
	unzip -q -o "$jar" org/apache/hadoop/hive/ql/exec/FunctionRegistry.java -d "$dir/$version"
done <<'PINS'
1.2.2 004a9f9a9dd959ed91336ab450a8f3b1f765ec835e8a016c4a39b587da7821dc
2.3.9 303a828c3a635f80f5af0f38aff5607840b76e155082c5431a0d4a6b8f38cdd5
3.1.3 dc00b6074d42f6a43c7133dc3afc3aa5575709f4701076b72dc60d4ec4736c70
4.1.0 888235cca8c447dfd5d19fd44e518a00cef02ef8a16c569f4637ee877f6d592f
PINS
