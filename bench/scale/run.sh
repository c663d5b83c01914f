#!/usr/bin/env bash
# Load test of two AsfQuart instances sharing one Redis, all on 127.0.0.1.
# It measures two session modes: encrypted cookies with a shared key ring, then server-side sessions.
# For each it starts a redis-server and two instances and logs in on instance A. Then it runs one
# wrk per instance for DURATION against GET /me, all with that session cookie, and prints requests
# per second and errors for each instance and the total.
#
#   bench/scale/run.sh                       # 10 s per mode, 16 connections per instance
#   DURATION=5s CONNECTIONS=8 bench/scale/run.sh
#
# Needs redis-server and wrk (apt-get install -y redis-server wrk) and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
MODES=${MODES:-"cookie server-side"}

for tool in redis-server wrk curl; do
    command -v "$tool" >/dev/null || { echo "$tool is missing; install it with apt-get install -y redis-server wrk curl." >&2; exit 1; }
done

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
    local url=$1
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "$url" && return 0
        sleep 0.1
    done
    echo "No response from $url after 10 seconds." >&2
    return 1
}

pids=()
stop_all() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap stop_all EXIT

dotnet build bench/scale/ScaleApp -c Release -v quiet -nologo >/dev/null
app=bench/scale/ScaleApp/bin/Release/net10.0/ScaleApp.dll
work=$(mktemp -d)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
echo "duration per instance: $DURATION, connections per instance: $CONNECTIONS, wrk threads per instance: 1"

for mode in $MODES; do
    redis_port=$(free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
    pids+=($!)

    server_side=false
    [ "$mode" = server-side ] && server_side=true
    ports=()
    for instance in a b; do
        port=$(free_port)
        ports+=("$port")
        mkdir -p "$work/$instance"
        (cd "$work/$instance" && exec dotnet "$OLDPWD/$app" --urls "http://127.0.0.1:$port" --Redis "127.0.0.1:$redis_port" --ServerSide "$server_side") >"$work/$instance.log" 2>&1 &
        pids+=($!)
    done

    for port in "${ports[@]}"; do
        wait_for "http://127.0.0.1:$port/me"
    done

    cookie=$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:${ports[0]}/login/jdoe" | grep -i '^set-cookie: scaleapp=' | head -1 | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
    [ -n "$cookie" ] || { echo "Login on instance A set no cookie." >&2; exit 1; }
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:${ports[1]}/me")
    [ "$status" = 200 ] || { echo "Instance B returned $status for the cookie from instance A." >&2; exit 1; }

    # Warm up both instances briefly, then measure both at once.
    for port in "${ports[@]}"; do
        timeout 30 wrk -t1 -c"$CONNECTIONS" -d2s -H "Cookie: $cookie" "http://127.0.0.1:$port/me" >/dev/null
    done
    wrk_pids=()
    for index in 0 1; do
        timeout 120 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $cookie" "http://127.0.0.1:${ports[$index]}/me" >"$work/wrk-$index.txt" &
        wrk_pids+=($!)
    done
    wait "${wrk_pids[@]}"

    total_rps=0
    total_errors=0
    for index in 0 1; do
        output="$work/wrk-$index.txt"
        rps=$(awk '/^Requests\/sec:/ { print $2 }' "$output")
        non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$output")
        socket=$(awk -F'[ ,]+' '/Socket errors:/ { print $4 + $6 + $8 + $10 }' "$output")
        latency=$(awk '/^    Latency/ { print $2 }' "$output")
        errors=$(( ${non2xx:-0} + ${socket:-0} ))
        echo "$mode instance $([ "$index" = 0 ] && echo A || echo B): ${rps:-0} requests/s, average latency ${latency:-?}, errors $errors"
        total_rps=$(awk -v a="$total_rps" -v b="${rps:-0}" 'BEGIN { print a + b }')
        total_errors=$(( total_errors + errors ))
    done
    echo "$mode total: $total_rps requests/s, errors $total_errors"

    stop_all
done

rm -rf "$work"
