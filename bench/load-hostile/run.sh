#!/usr/bin/env bash
# Hostile load test: a Release build of LoadHostileServer on Kestrel (127.0.0.1, free port) gets a
# mix of cookie, token and failing requests from wrk at high concurrency, for a bounded time.
#
#   bench/load-hostile/run.sh --short          10 s, what .ci/run runs
#   bench/load-hostile/run.sh                  60 s (the long mode)
#   bench/load-hostile/run.sh --seconds 300 --connections 512
#
# Prints the count of each status, the socket errors, the latency, and the server's working set
# (resident set size) before the load, at its peak, and 5 s after the load. Exits 1 when a response
# had a status other than 200, 400, 401 or 403, or a socket error occurred.
set -euo pipefail
cd "$(dirname "$0")"

seconds=60
connections=256
while [ $# -gt 0 ]; do
    case "$1" in
        --short) seconds=10 ;;
        --seconds) seconds="$2"; shift ;;
        --connections) connections="$2"; shift ;;
        *) echo "Unknown argument '$1'. Use --short, --seconds N or --connections N." >&2; exit 2 ;;
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

# A short warm-up, so JIT compilation is not counted as the load's memory.
wrk -t 1 -c 8 -d 2s -s requests.lua "$address" >/dev/null
before=$(rss VmRSS)

echo "wrk: $seconds s, $connections connections, 2 threads, against $address"
wrk -t 2 -c "$connections" -d "${seconds}s" --timeout 10s -s requests.lua "$address" | tee "$out/wrk.txt"

sleep 5
peak=$(rss VmHWM)
after=$(rss VmRSS)
echo "working set: before load $before, peak $peak, 5 s after load $after"

# TODO: once the OAuth endpoint exists, map MapAsfOAuth() in LoadHostileServer, send one million
# GET /auth?login requests here, and check that the working set 5 s after them stays within a few MB
# of the one before, which shows the pending login states are bounded.

unexpected=$(awk '/^unexpected statuses:/ { print $3 }' "$out/wrk.txt")
socket_errors=$(awk -F'[ ,]+' '/^socket errors:/ { print $4 + $6 + $8 + $10 }' "$out/wrk.txt")
if [ "$unexpected" != "0" ] || [ "$socket_errors" != "0" ]; then
    echo "FAILED: $unexpected unexpected statuses, $socket_errors socket errors." >&2
    exit 1
fi
echo "passed: only the expected statuses, no socket errors."
