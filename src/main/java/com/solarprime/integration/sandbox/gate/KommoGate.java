package com.solarprime.integration.sandbox.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.crm.KommoProblem;
import com.solarprime.integration.sandbox.oauth.OAuthService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What stands between a caller and the emulated API, in Kommo's order: a blocked account answers an
 * HTML 403 to everything; then the bearer token (401), the per-token rate limit (429, counting towards
 * a block), and injected faults. Also counts every call and adds injected latency.
 */
class KommoGate extends OncePerRequestFilter {

    static final String PROBLEM_JSON = "application/problem+json";

    private final OAuthService oauth;
    private final RateLimiter limiter;
    private final AccountBlock block;
    private final Faults faults;
    private final CallStats stats;

    KommoGate(OAuthService oauth, RateLimiter limiter, AccountBlock block, Faults faults, CallStats stats) {
        this.oauth = oauth;
        this.limiter = limiter;
        this.block = block;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String call = request.getMethod() + " " + CallStats.template(path.substring(SandboxPaths.ROOT.length()));
        try {
            if (block.isBlocked()) {
                faults.delay();
                blocked(response);
            } else if (path.startsWith(SandboxPaths.API + "/")) {
                // Counted against the rate limit when it arrives, as an edge limiter counts it: the injected latency
                // is the slow work behind it. (Counted after the delay, a request its client had given up on would
                // land in a later second together with the client's next ones.)
                boolean admitted = admitted(request, response);
                faults.delay();
                if (admitted) {
                    chain.doFilter(request, response);
                }
            } else {
                faults.delay();
                chain.doFilter(request, response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("Interrupted while adding injected latency", e);
        } finally {
            stats.record(call, response.getStatus());
        }
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> token = oauth.authenticate(bearer(request));
        if (token.isEmpty()) {
            problem(response, KommoProblem.of(401, "Unauthorized",
                    "The access token is missing, invalid or expired").body());
            return false;
        }
        long retryAfter = limiter.tryAcquire(token.get());
        if (retryAfter > 0) {
            block.recordRefusal();
            ObjectNode body = KommoProblem.of(429, "Too Many Requests", "Too many requests").body()
                    .put("retry_after", retryAfter);
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            problem(response, body);
            return false;
        }
        if (faults.consumeFailure()) {
            int status = faults.failStatus();
            problem(response, KommoProblem.of(status, "Internal Server Error", "Injected failure").body());
            return false;
        }
        return true;
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    private static void problem(HttpServletResponse response, ObjectNode body) throws IOException {
        response.setStatus(body.get("status").asInt());
        response.setContentType(PROBLEM_JSON);
        response.getOutputStream().write(SandboxJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Kommo's block answer is an HTML page, not JSON: clients must recognise it by status and content type. */
    private static void blocked(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(("<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head><body>"
                + "<h1>Forbidden</h1><p>Access to this account has been blocked because of too many requests."
                + " Contact support to restore access.</p></body></html>").getBytes(StandardCharsets.UTF_8));
    }
}
