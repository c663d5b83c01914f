-- wrk script for the login flood: every connection sends GET /auth?login without cookies, so each
-- request starts a new pending login. Each thread stops after its share of LOAD_LOGINS responses
-- and appends a line to the file LOAD_DONE_FILE, because wrk itself waits out its whole duration.
-- run.sh then stops wrk with SIGINT, on which wrk still prints the summary below.
-- Expected status: 302 (the redirect to the provider). Any other status is an error.

local logins = tonumber(os.getenv("LOAD_LOGINS") or "0")
local thread_count = tonumber(os.getenv("LOAD_THREADS") or "1")
local done_file = os.getenv("LOAD_DONE_FILE")
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    quota = math.ceil(logins / thread_count)
    counts = {}
    received = 0
end

function request()
    return wrk.format("GET", "/auth?login=/dash")
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
    received = received + 1
    if received == quota then
        wrk.thread:stop()
        if done_file then
            local file = io.open(done_file, "a")
            file:write("done\n")
            file:close()
        end
    end
end

function done(summary, latency, request_stats)
    local totals = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("counts")) do
            totals[status] = (totals[status] or 0) + count
        end
    end

    local unexpected = 0
    local total = 0
    for status, count in pairs(totals) do
        io.write(string.format("status %d: %d\n", status, count))
        total = total + count
        if status ~= 302 then
            unexpected = unexpected + count
        end
    end

    local errors = summary.errors
    io.write(string.format("login responses: %d\n", total))
    io.write(string.format("unexpected statuses: %d\n", unexpected))
    io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
        errors.connect, errors.read, errors.write, errors.timeout))
    io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
