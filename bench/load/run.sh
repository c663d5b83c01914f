#!/usr/bin/env bash
# Load test: starts the benchmark app (Release build, Kestrel on 127.0.0.1), drives each endpoint
# with wrk after a warm-up, prints requests per second, latency percentiles and the target ratios,
# and writes them into docs/benchmarks.md between the load-results markers.
#
# Usage: bench/load/run.sh [--no-build]
# Settings (environment): DURATION seconds per measured run (10), WARMUP seconds per endpoint (3),
# ROUNDS over all endpoints (2, averaged), CONNECTIONS (32), THREADS for wrk (1).
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${DURATION:-10}
warmup=${WARMUP:-3}
rounds=${ROUNDS:-2}
connections=${CONNECTIONS:-32}
threads=${THREADS:-1}
doc=docs/benchmarks.md
project=bench/load/AsfQuart.LoadApp

if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is missing; installing Debian's package." >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

if [[ "${1:-}" != "--no-build" ]]; then
    dotnet build -c Release "$project" -nologo -v quiet >/dev/null
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# A free port on the loopback interface, picked by the kernel.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"

dotnet "$project/bin/Release/net10.0/AsfQuart.LoadApp.dll" --urls "$base" >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 60); do
    if curl -fs "$base/plain" >/dev/null 2>&1; then
        break
    fi
    sleep 0.5
done
curl -fs "$base/plain" >/dev/null || { echo "The load app did not start on $base:" >&2; cat "$work/server.log" >&2; exit 1; }

# Credentials for the same user: both cookies from the sign-in response, the tokens from its body.
# Fetched again every round, so no cookie gets older than the 5-minute refresh interval, after which
# every request would write a new cookie.
fetch_credentials() {
    curl -fs -D "$work/headers" -o "$work/body" "$base/credentials"
    asf_cookie=$(grep -i '^set-cookie: __Host-bench=' "$work/headers" | sed -E 's/^[^:]*: ([^;]*);.*/\1/' | tr -d '\r')
    aspnet_cookie=$(grep -i '^set-cookie: \.AspNetCore\.Cookies=' "$work/headers" | sed -E 's/^[^:]*: ([^;]*);.*/\1/' | tr -d '\r')
    pat=$(sed -n 's/^pat=//p' "$work/body")
    jwt=$(sed -n 's/^jwt=//p' "$work/body")
    jwt_cached=$(sed -n 's/^jwt-cached=//p' "$work/body")
    if [[ -z "$asf_cookie" || -z "$aspnet_cookie" || -z "$pat" || -z "$jwt" || -z "$jwt_cached" ]]; then
        echo "GET /credentials did not return both cookies and all tokens." >&2
        exit 1
    fi

    # name|path|header
    endpoints=(
        "unprotected|/plain|"
        "AsfQuart cookie session|/asf/cookie|Cookie: $asf_cookie"
        "ASP.NET Core cookie + RequireAuthorization|/aspnet/cookie|Cookie: $aspnet_cookie"
        "AsfQuart PAT (dictionary handler)|/asf/pat|Authorization: Bearer $pat"
        "AsfQuart JWT PAT (JsonWebTokenHandler)|/asf/jwt|Authorization: Bearer $jwt"
        "AsfQuart JWT PAT, cached|/asf/jwt-cached|Authorization: Bearer $jwt_cached"
        "ASP.NET Core JwtBearer + RequireAuthorization|/aspnet/jwt|Authorization: Bearer $jwt"
    )
}

# Converts a wrk latency such as 512.00us, 1.20ms or 1.01s to milliseconds.
to_ms() {
    awk -v value="$1" 'BEGIN {
        number = value + 0
        if (value ~ /us$/) number /= 1000
        else if (value ~ /ms$/) number *= 1
        else if (value ~ /s$/) number *= 1000
        printf "%.3f", number
    }'
}

run_wrk() {
    local seconds=$1 path=$2 header=$3
    if [[ -n "$header" ]]; then
        wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "$header" "$base$path"
    else
        wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$base$path"
    fi
}

: >"$work/results"
for round in $(seq 1 "$rounds"); do
    fetch_credentials
    for entry in "${endpoints[@]}"; do
        IFS='|' read -r name path header <<<"$entry"

        status=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "$base$path")
        if [[ "$status" != 200 ]]; then
            echo "$name ($path) returned $status, expected 200; fix the app before measuring." >&2
            exit 1
        fi

        run_wrk "$warmup" "$path" "$header" >/dev/null
        output=$(run_wrk "$duration" "$path" "$header")
        if grep -q 'Non-2xx or 3xx responses' <<<"$output"; then
            echo "$name ($path) had failed responses under load:" >&2
            echo "$output" >&2
            exit 1
        fi

        rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$output")
        p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$output")")
        p90=$(to_ms "$(awk '$1 == "90%" { print $2 }' <<<"$output")")
        p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$output")")
        echo "$round|$name|$path|$rps|$p50|$p90|$p99" >>"$work/results"
        printf 'round %d  %-48s %10.0f req/s  p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms\n' "$round" "$name" "$rps" "$p50" "$p90" "$p99"
    done
done

# The mean of every column over the rounds, per endpoint, in the order above.
awk -F'|' '
    { key = $2; if (!(key in count)) { order[++n] = key; path[key] = $3 }
      count[key]++; rps[key] += $4; p50[key] += $5; p90[key] += $6; p99[key] += $7 }
    END { for (i = 1; i <= n; i++) { k = order[i]; c = count[k]
          printf "%s|%s|%.0f|%.3f|%.3f|%.3f\n", k, path[k], rps[k] / c, p50[k] / c, p90[k] / c, p99[k] / c } }
' "$work/results" >"$work/means"

rps_of() { awk -F'|' -v path="$1" '$2 == path { print $3 }' "$work/means"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v value="$1" -v target="$2" 'BEGIN { print (value >= target ? "met" : "missed") }'; }

plain=$(rps_of /plain)
asf_cookie_rps=$(rps_of /asf/cookie)
aspnet_cookie_rps=$(rps_of /aspnet/cookie)
asf_jwt_rps=$(rps_of /asf/jwt)
asf_jwt_cached_rps=$(rps_of /asf/jwt-cached)
jwt_bearer_rps=$(rps_of /aspnet/jwt)

cookie_vs_plain=$(ratio "$asf_cookie_rps" "$plain")
cookie_vs_aspnet=$(ratio "$asf_cookie_rps" "$aspnet_cookie_rps")
jwt_vs_bearer=$(ratio "$asf_jwt_rps" "$jwt_bearer_rps")
jwt_cached_vs_bearer=$(ratio "$asf_jwt_cached_rps" "$jwt_bearer_rps")
bearer_vs_plain=$(ratio "$jwt_bearer_rps" "$plain")
# The JWT target, 1.2 x JwtBearer, as a multiple of the unprotected endpoint:
jwt_target_vs_plain=$(awk -v r="$bearer_vs_plain" 'BEGIN { printf "%.2f", 1.2 * r }')

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
runtime=$(dotnet --list-runtimes | awk '/^Microsoft.AspNetCore.App/ { version = $2 } END { print version }')
{
    echo "Run at $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/load/run.sh\`"
    echo "(DURATION=$duration WARMUP=$warmup ROUNDS=$rounds CONNECTIONS=$connections THREADS=$threads):"
    echo "$(nproc) cores, $cpu, .NET SDK $(dotnet --version), ASP.NET Core runtime $runtime, $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1,2)."
    echo
    echo "| endpoint | path | requests/s | p50 ms | p90 ms | p99 ms |"
    echo "| --- | --- | ---: | ---: | ---: | ---: |"
    awk -F'|' '{ printf "| %s | `%s` | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$work/means"
    echo
    echo "| target (same-run ratio of requests/s) | ratio | target | result |"
    echo "| --- | ---: | ---: | --- |"
    echo "| AsfQuart cookie / unprotected | $cookie_vs_plain | >= 0.85 | $(verdict "$cookie_vs_plain" 0.85) |"
    echo "| AsfQuart cookie / ASP.NET Core cookie | $cookie_vs_aspnet | >= 1.20 | $(verdict "$cookie_vs_aspnet" 1.2) |"
    echo "| AsfQuart JWT PAT / JwtBearer | $jwt_vs_bearer | >= 1.20 | $(verdict "$jwt_vs_bearer" 1.2) |"
    echo "| AsfQuart JWT PAT, cached / JwtBearer | $jwt_cached_vs_bearer | (no target) | |"
    echo
    echo "JwtBearer / unprotected was $bearer_vs_plain, so a JWT PAT endpoint at 1.2 x JwtBearer would have to"
    echo "serve $jwt_target_vs_plain x the requests per second of the unprotected endpoint in this run."
} >"$work/report"

echo
cat "$work/report"

if [[ -f "$doc" ]] && grep -q '<!-- load-results:start -->' "$doc"; then
    awk -v report="$work/report" '
        /<!-- load-results:start -->/ { print; while ((getline line < report) > 0) print line; skipping = 1; next }
        /<!-- load-results:end -->/ { skipping = 0 }
        !skipping { print }
    ' "$doc" >"$work/doc" && cp "$work/doc" "$doc"
    echo
    echo "Wrote the results into $doc."
else
    echo "$doc has no load-results markers; the results above were not written." >&2
fi
