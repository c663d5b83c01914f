#!/usr/bin/env bash
# Runs every BenchmarkDotNet benchmark in bench/AsfQuart.Benchmarks (Release, in-process, memory
# diagnoser) and writes the result tables into docs/benchmarks.md between the micro-results markers.
#
# Usage: bench/run-micro.sh [extra BenchmarkDotNet arguments, e.g. --filter '*CookieRead*']
set -euo pipefail
cd "$(dirname "$0")/.."

doc=docs/benchmarks.md
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT

dotnet build -c Release bench/AsfQuart.Benchmarks -nologo -v quiet >/dev/null
filter=("--filter" "*")
if [[ $# -gt 0 ]]; then
    filter=("$@")
fi
dotnet run -c Release --no-build --project bench/AsfQuart.Benchmarks -- "${filter[@]}" --artifacts "$artifacts" | tee "$artifacts/output.txt"

{
    echo "Run at $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/run-micro.sh\`:"
    echo "$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), .NET SDK $(dotnet --version)."
    for report in "$artifacts"/results/*-report-github.md; do
        name=$(basename "$report" -report-github.md)
        echo
        echo "### ${name##*.}"
        echo
        # Each report repeats the environment block; keep only the table.
        grep '^|' "$report" | sed -e "s/&#39;/'/g" -e 's/\*\*//g'
    done
} >"$artifacts/report"

if grep -q '<!-- micro-results:start -->' "$doc"; then
    awk -v report="$artifacts/report" '
        /<!-- micro-results:start -->/ { print; while ((getline line < report) > 0) print line; skipping = 1; next }
        /<!-- micro-results:end -->/ { skipping = 0 }
        !skipping { print }
    ' "$doc" >"$artifacts/doc" && cp "$artifacts/doc" "$doc"
    echo "Wrote the results into $doc."
else
    echo "$doc has no micro-results markers; the results were not written." >&2
fi
