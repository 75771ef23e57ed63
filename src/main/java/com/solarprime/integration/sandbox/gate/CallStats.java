package com.solarprime.integration.sandbox.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Counts the calls the sandbox received, by method and path template ({@code POST /api/v4/leads/complex},
 * {@code PATCH /api/v4/leads/{id}}), so tests and benchmarks can assert how many calls a flow made.
 * {@code calls} counts every request received, {@code succeeded} only the 2xx answers.
 */
@Component
@ConditionalOnSandbox
public class CallStats {

    private static final Pattern NUMERIC_SEGMENT = Pattern.compile("/\\d+(?=/|$)");
    private static final Pattern EVENT_ID_SEGMENT = Pattern.compile("/[0-9a-z]{26}(?=/|$)");

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> succeeded = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private volatile Instant since = Instant.now();

    /** {@code /api/v4/leads/123/notes} → {@code /api/v4/leads/{id}/notes}. */
    public static String template(String path) {
        return EVENT_ID_SEGMENT.matcher(NUMERIC_SEGMENT.matcher(path).replaceAll("/{id}")).replaceAll("/{id}");
    }

    void record(String call, int status) {
        calls.computeIfAbsent(call, k -> new LongAdder()).increment();
        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        if (status >= 200 && status < 300) {
            succeeded.computeIfAbsent(call, k -> new LongAdder()).increment();
        }
    }

    public ObjectNode snapshot() {
        ObjectNode out = SandboxJson.object().put("since", since.toString());
        long total = calls.values().stream().mapToLong(LongAdder::sum).sum();
        out.put("total", total);
        out.put("rate_limited", count(statuses.get(429)));
        ObjectNode byCall = out.putObject("calls");
        new TreeMap<>(calls).forEach((call, n) -> byCall.put(call, n.sum()));
        ObjectNode ok = out.putObject("succeeded");
        new TreeMap<>(succeeded).forEach((call, n) -> ok.put(call, n.sum()));
        ObjectNode byStatus = out.putObject("statuses");
        new TreeMap<>(statuses).forEach((status, n) -> byStatus.put(String.valueOf(status), n.sum()));
        return out;
    }

    public void reset() {
        calls.clear();
        succeeded.clear();
        statuses.clear();
        since = Instant.now();
    }

    private static long count(LongAdder adder) {
        return adder == null ? 0 : adder.sum();
    }
}
