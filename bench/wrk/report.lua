-- Used by the bench harness for every wrk run: the first script argument is the request method (headers come
-- from -H), and done() prints one machine-readable line the harness parses. Latencies are in microseconds.
function init(args)
  if args[1] then
    wrk.method = args[1]
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK-RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx3xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
