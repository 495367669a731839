-- Memory benchmark load: every request has a fresh random origin. A quarter each: GET from an allowed random
-- subdomain, GET from a random foreign origin, preflight from an allowed random subdomain asking for a random
-- header name, preflight from a random foreign origin. done() prints the same line as report.lua.
math.randomseed(os.time())

local function word()
  return string.format("%x", math.random(0, 0x7fffffff))
end

function request()
  local kind = math.random(4)
  local headers = {}
  if kind == 1 then
    headers["Origin"] = "https://" .. word() .. ".tenant.example.com"
    return wrk.format("GET", "/app/hello", headers)
  elseif kind == 2 then
    headers["Origin"] = "https://" .. word() .. ".example-" .. word() .. ".net"
    return wrk.format("GET", "/app/hello", headers)
  elseif kind == 3 then
    headers["Origin"] = "https://" .. word() .. ".tenant.example.com"
    headers["Access-Control-Request-Method"] = "PUT"
    headers["Access-Control-Request-Headers"] = "x-" .. word()
    return wrk.format("OPTIONS", "/app/hello", headers)
  else
    headers["Origin"] = "http://" .. word() .. ".attacker-" .. word() .. ".org:" .. math.random(1, 65535)
    headers["Access-Control-Request-Method"] = "DELETE"
    return wrk.format("OPTIONS", "/app/hello", headers)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK-RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx3xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
