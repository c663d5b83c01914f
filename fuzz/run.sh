#!/usr/bin/env bash
# Fuzzes the cookie decoder, the Authorization header parser, the OAuth redirect validator and the
# reading of OAuth provider responses with AFL++ and SharpFuzz.
#
#   fuzz/run.sh --short                      10 s per target, 50 s in all (what .ci/run runs)
#   fuzz/run.sh --seconds 3600 cookie        one target for an hour (the long mode)
#   fuzz/run.sh --executions 1000000         about a million executions per target
#
# Targets: cookie, payload, authorization, redirect, provider (default: all five). Findings land in fuzz/bin/findings;
# copy each crashing input to fuzz/regressions/<target>/ so the tests replay it. Exits 1 when a
# target crashed, 2 on a usage or set-up error.
# Without afl-fuzz the script prints a warning and runs the in-process random mutation mode instead, which has
# no coverage feedback.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=""
executions=""
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --short) seconds=10 ;;
        --seconds) seconds="$2"; shift ;;
        --executions) executions="$2"; shift ;;
        cookie|payload|authorization|redirect|provider) targets+=("$1") ;;
        *) echo "Unknown argument '$1'. Use --short, --seconds N, --executions N and target names (cookie, payload, authorization, redirect, provider)." >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$seconds" ] && [ -z "$executions" ]; then
    seconds=15
fi
if [ ${#targets[@]} -eq 0 ]; then
    targets=(cookie payload authorization redirect provider)
fi

out=fuzz/bin
publish="$out/afl"
rm -rf "$publish"
dotnet publish fuzz/AsfQuart.Fuzz -c Release -o "$publish" --nologo -v quiet >/dev/null

if ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "afl-fuzz not found (install it with: apt-get install -y afl++)." >&2
    echo "FALLBACK: in-process random mutation, without coverage feedback; weaker than AFL." >&2
    crashed=0
    for target in "${targets[@]}"; do
        count="${executions:-$((seconds * 20000))}"
        dotnet "$publish/AsfQuart.Fuzz.dll" mutate "$target" "fuzz/corpus/$target" "$count" 1 "$out/findings/mutate-$target" || crashed=1
    done
    exit "$crashed"
fi

# SharpFuzz instruments the library in the published folder, so AFL records its branch coverage.
if [ ! -x "$out/tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
fi
"$out/tools/sharpfuzz" "$publish/AsfQuart.dll" >/dev/null

# dotnet itself is not instrumented, and this machine's core_pattern and CPU frequency are not ours to change.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1

crashed=0
for target in "${targets[@]}"; do
    findings="$out/findings/$target"
    rm -rf "$findings"
    mkdir -p "$out/findings"
    limit=()
    if [ -n "$executions" ]; then limit+=(-E "$executions"); fi
    if [ -n "$seconds" ]; then limit+=(-V "$seconds"); fi

    afl-fuzz -i "fuzz/corpus/$target" -o "$findings" -t 5000 -m none "${limit[@]}" -- \
        dotnet "$publish/AsfQuart.Fuzz.dll" afl "$target" >"$findings.log" 2>&1 || {
        echo "afl-fuzz failed for $target; the end of its output:" >&2
        tail -n 20 "$findings.log" >&2
        exit 2
    }

    stats="$findings/default/fuzzer_stats"
    crashes=$(find "$findings/default/crashes" -type f -name 'id:*' | wc -l)
    printf '%s: %s executions in %s s (%s per second), %s paths, edges %s, %s crashes, %s hangs\n' "$target" \
        "$(awk '/^execs_done/ { print $3 }' "$stats")" "$(awk '/^run_time/ { print $3 }' "$stats")" \
        "$(awk '/^execs_per_sec/ { print $3 }' "$stats")" "$(awk '/^corpus_count/ { print $3 }' "$stats")" \
        "$(awk '/^edges_found/ { print $3 }' "$stats")" "$crashes" \
        "$(find "$findings/default/hangs" -type f -name 'id:*' | wc -l)"
    if [ "$crashes" -gt 0 ]; then
        crashed=1
        dotnet "$publish/AsfQuart.Fuzz.dll" replay "$target" "$findings/default/crashes" || true
    fi
done
exit "$crashed"
