#!/usr/bin/env bash
# Hostile load test: a Release build of LoadHostileServer on Kestrel (127.0.0.1, free port) gets a
# mix of cookie, token and failing requests from wrk at high concurrency, for a bounded time. Then it
# gets a flood of GET /auth?login requests, each of which starts a pending login.
#
#   bench/load-hostile/run.sh --short          10 s of the mix and 50,000 logins, what .ci/run runs
#   bench/load-hostile/run.sh                  60 s of the mix and 1,000,000 logins (the long mode)
#   bench/load-hostile/run.sh --seconds 0 --logins 1000000    the login flood alone
#   bench/load-hostile/run.sh --seconds 300 --connections 512
#
# Prints the count of each status, the socket errors, the latency, and the server's working set
# (resident set size) before each phase, at its peak, and 5 s after it, and the pending login
# store's size and bound after the flood. Exits 1 when a response had an unexpected status, a socket
# error occurred, the store exceeded its bound, or the second half of the flood grew the working set
# by more than 32 MB.
set -euo pipefail
cd "$(dirname "$0")"

seconds=60
logins=1000000
connections=256
while [ $# -gt 0 ]; do
    case "$1" in
        --short) seconds=10; logins=50000 ;;
        --seconds) seconds="$2"; shift ;;
        --logins) logins="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        *) echo "Unknown argument '$1'. Use --short, --seconds N, --logins N or --connections N." >&2; exit 2 ;;
    esac
    shift
done

if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk not found; install it with: apt-get install -y wrk" >&2
    exit 2
fi

out=bin/run
rm -rf "$out"
mkdir -p "$out"
dotnet publish LoadHostileServer -c Release -o bin/server --nologo -v quiet >/dev/null

ready="$out/ready"
dotnet bin/server/LoadHostileServer.dll "$ready" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
    if [ -s "$ready" ] && [ "$(wc -l <"$ready")" -ge 3 ]; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then echo "LoadHostileServer exited before it was ready." >&2; exit 2; fi
    sleep 0.1
done
if [ ! -s "$ready" ]; then echo "LoadHostileServer was not ready after 30 s." >&2; exit 2; fi

address=$(sed -n 1p "$ready")
export LOAD_COOKIE LOAD_TOKEN LOAD_CONNECTIONS="$connections"
LOAD_COOKIE=$(sed -n 2p "$ready")
LOAD_TOKEN=$(sed -n 3p "$ready")

rss() { awk -v key="$1:" '$1 == key { print $2 " " $3 }' "/proc/$server/status"; }
rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$server/status"; }

# Writing 5 to clear_refs resets the peak resident set size (VmHWM), so each phase reports its own peak.
reset_peak() { echo 5 >"/proc/$server/clear_refs"; }

failed=0

# A short warm-up, so JIT compilation is not counted as the load's memory.
wrk -t 1 -c 8 -d 2s -s requests.lua "$address" >/dev/null
wrk -t 1 -c 8 -d 2s -s login.lua "$address" >/dev/null

if [ "$seconds" -gt 0 ]; then
    reset_peak
    before=$(rss VmRSS)
    echo "wrk: $seconds s, $connections connections, 2 threads, against $address"
    wrk -t 2 -c "$connections" -d "${seconds}s" --timeout 10s -s requests.lua "$address" | tee "$out/wrk.txt"

    sleep 5
    peak=$(rss VmHWM)
    after=$(rss VmRSS)
    echo "working set: before load $before, peak $peak, 5 s after load $after"

    unexpected=$(awk '/^unexpected statuses:/ { print $3 }' "$out/wrk.txt")
    socket_errors=$(awk -F'[ ,]+' '/^socket errors:/ { print $4 + $6 + $8 + $10 }' "$out/wrk.txt")
    if [ "$unexpected" != "0" ] || [ "$socket_errors" != "0" ]; then
        echo "FAILED: mix: $unexpected unexpected statuses, $socket_errors socket errors." >&2
        failed=1
    fi
fi

# The flood runs in two halves. The pending login store fills up within the first half, so a working
# set that grows again in the second half means something keeps state per login.
# NOTE: the 32 MB limit is a guess that leaves room for the garbage collector's heap sizing; it is not
# derived from the store's size.
flood() {
    local done_file="$out/$2.done"
    rm -f "$done_file"
    LOAD_LOGINS="$1" LOAD_THREADS=2 LOAD_DONE_FILE="$done_file" \
        wrk -t 2 -c "$connections" -d 3600s --timeout 10s -s login.lua "$address" >"$out/$2.txt" &
    local client=$!
    while kill -0 "$client" 2>/dev/null && { [ ! -f "$done_file" ] || [ "$(wc -l <"$done_file")" -lt 2 ]; }; do
        sleep 0.2
    done
    kill -INT "$client" 2>/dev/null || true
    wait "$client" || true
    cat "$out/$2.txt"
    unexpected=$(awk '/^unexpected statuses:/ { print $3 }' "$out/$2.txt")
    socket_errors=$(awk -F'[ ,]+' '/^socket errors:/ { print $4 + $6 + $8 + $10 }' "$out/$2.txt")
    if [ "$unexpected" != "0" ] || [ "$socket_errors" != "0" ]; then
        echo "FAILED: $2: $unexpected unexpected statuses, $socket_errors socket errors." >&2
        failed=1
    fi
}

if [ "$logins" -gt 0 ]; then
    reset_peak
    before=$(rss VmRSS)
    half=$((logins / 2))
    echo "wrk: $logins GET /auth?login requests in two halves, $connections connections, 2 threads, against $address"
    started=$(date +%s)
    flood "$half" login-first-half
    sleep 5
    middle_kb=$(rss_kb)
    middle=$(rss VmRSS)
    flood "$((logins - half))" login-second-half
    elapsed=$(($(date +%s) - started - 5))

    sleep 5
    peak=$(rss VmHWM)
    after_kb=$(rss_kb)
    after=$(rss VmRSS)
    read -r pending bound <<<"$(curl -fsS "$address/bench/pending-logins")"
    echo "login flood: about $elapsed s; working set: before $before, peak $peak, 5 s after the first half $middle, 5 s after the second half $after"
    echo "pending login store: $pending logins, bound $bound"

    if [ "$pending" -gt "$bound" ]; then
        echo "FAILED: the pending login store contains $pending logins, above its bound of $bound." >&2
        failed=1
    fi
    if [ $((after_kb - middle_kb)) -gt $((32 * 1024)) ]; then
        echo "FAILED: the working set grew by $(((after_kb - middle_kb) / 1024)) MB in the second half of the flood." >&2
        failed=1
    fi
fi

if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "passed: only the expected statuses, no socket errors, the pending login store within its bound."
