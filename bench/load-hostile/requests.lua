-- wrk script for the hostile load test: every thread cycles through a mix of valid and failing
-- requests and counts the status of each response. The valid cookie and token come from the
-- environment (LOAD_COOKIE, LOAD_TOKEN), written by the server at start.
-- Expected statuses: 200 (cookie, token), 400 (malformed header), 401 (bad cookie, unknown token,
-- no credentials, Basic while Basic authentication is off) and 403 (a requirement the session does
-- not meet), each in its share of the mix. Any other status, or a share that is off, is an error.

local cookie = os.getenv("LOAD_COOKIE")
local token = os.getenv("LOAD_TOKEN")
local connections = tonumber(os.getenv("LOAD_CONNECTIONS") or "0")
local threads = {}

-- The share of each expected status in one cycle of the mix below, which has 11 requests.
local mix_size = 11
local shares = { [200] = 4, [400] = 1, [401] = 5, [403] = 1 }

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    local bad_cookie = string.gsub(cookie, "=(..)", "=%1x", 1)
    requests = {
        wrk.format("GET", "/api/secret", { ["Cookie"] = cookie }),
        wrk.format("GET", "/api/secret", { ["Authorization"] = "Bearer " .. token }),
        wrk.format("GET", "/api/secret", { ["Cookie"] = cookie }),
        wrk.format("GET", "/api/secret", { ["Authorization"] = "Bearer " .. token }),
        wrk.format("GET", "/api/secret", { ["Authorization"] = "Bearer pat-load-unknown-" .. math.random(1, 1000000) }),
        wrk.format("GET", "/api/secret", { ["Authorization"] = "Bearer" }),
        wrk.format("GET", "/api/secret", { ["Authorization"] = "Basic not-base64!" }),
        wrk.format("GET", "/api/secret", { ["Cookie"] = bad_cookie }),
        wrk.format("GET", "/api/secret", { ["Cookie"] = "__Host-loadapp=chunks-1000000; __Host-loadappC1=x" }),
        wrk.format("GET", "/api/secret", {}),
        wrk.format("GET", "/api/member", { ["Cookie"] = cookie }),
    }
    index = 0
    counts = {}
end

function request()
    index = index % #requests + 1
    return requests[index]
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, request_stats)
    local totals = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("counts")) do
            totals[status] = (totals[status] or 0) + count
        end
    end

    local unexpected = 0
    for status, count in pairs(totals) do
        io.write(string.format("status %d: %d\n", status, count))
        if status ~= 200 and status ~= 400 and status ~= 401 and status ~= 403 then
            unexpected = unexpected + count
        end
    end

    -- Each thread cycles through the mix in order, so every status has a known share of the total,
    -- give or take the requests in flight when the run stopped.
    local total = 0
    for _, count in pairs(totals) do
        total = total + count
    end
    for status, share in pairs(shares) do
        local expected = total * share / mix_size
        local actual = totals[status] or 0
        if math.abs(actual - expected) > connections + 2 * mix_size then
            io.write(string.format("status %d: %d responses, expected about %d\n", status, actual, expected))
            unexpected = unexpected + math.abs(actual - expected)
        end
    end

    local errors = summary.errors
    io.write(string.format("unexpected statuses: %d\n", unexpected))
    io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
        errors.connect, errors.read, errors.write, errors.timeout))
    io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
