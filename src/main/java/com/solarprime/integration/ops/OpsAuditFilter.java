package com.solarprime.integration.ops;

import com.solarprime.integration.shared.LogSanitizer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who did what on the admin surfaces. Every state-changing admin request that got past authentication (console
 * actions, Kommo commands, report resends, Hawtio and Jolokia writes, and whatever comes later under the same paths)
 * is written to {@code ops_audit} and logged with the admin who made it and the status it ended with. Routes learn
 * the admin's name from the {@value #OPERATOR_HEADER} header, which only this filter sets: whatever a client sends
 * under that name is replaced.
 */
class OpsAuditFilter extends OncePerRequestFilter {

    /** The authenticated admin's name, as routes see it. */
    static final String OPERATOR_HEADER = "SolarPrimeOperator";
    private static final Logger log = LoggerFactory.getLogger(OpsAuditFilter.class);
    /** Phone numbers and other long identifiers a path may carry: masked before they are stored or logged. */
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{8,}");

    private final JdbcClient jdbc;

    OpsAuditFilter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = actor();
        HttpServletRequest withOperator = new OperatorRequest(request, actor);
        if (actor == null || !CrossSiteRequestFilter.changesState(request)) {
            chain.doFilter(withOperator, response);
            return;
        }
        String method = request.getMethod();
        String path = masked(SecurityConfiguration.path(request));
        try {
            chain.doFilter(withOperator, response);
        } catch (IOException | ServletException | RuntimeException e) {
            record(actor, method, path, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            throw e;
        }
        if (request.isAsyncStarted()) {
            // Routes answer on another thread: the status is final only once the async request completes.
            request.getAsyncContext().addListener(new Completion(() -> record(actor, method, path, response.getStatus())));
        } else {
            record(actor, method, path, response.getStatus());
        }
    }

    static String masked(String path) {
        Matcher digits = LONG_DIGITS.matcher(path);
        StringBuilder out = new StringBuilder();
        while (digits.find()) {
            digits.appendReplacement(out, Matcher.quoteReplacement(LogSanitizer.maskPhone(digits.group())));
        }
        return digits.appendTail(out).toString();
    }

    private void record(String actor, String method, String path, int status) {
        log.info("Ops action {} {} by {}: {}", method, path, actor, status);
        try {
            jdbc.sql("INSERT INTO ops_audit (actor, method, path, status) VALUES (?, ?, ?, ?)")
                    .params(actor, method, path, status).update();
        } catch (RuntimeException e) {
            log.error("Could not record the ops action {} {} by {} in ops_audit: {}", method, path, actor,
                    LogSanitizer.clean(e.getMessage()));
        }
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }

    /** Runs once, however the async request ends. */
    private record Completion(Runnable onEnd, AtomicBoolean done) implements AsyncListener {

        Completion(Runnable onEnd) {
            this(onEnd, new AtomicBoolean());
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }

        private void end() {
            if (done.compareAndSet(false, true)) {
                onEnd.run();
            }
        }
    }

    /** The request with the operator header set by us alone. */
    private static final class OperatorRequest extends HttpServletRequestWrapper {

        private final String actor;

        OperatorRequest(HttpServletRequest request, String actor) {
            super(request);
            this.actor = actor;
        }

        @Override
        public String getHeader(String name) {
            return OPERATOR_HEADER.equalsIgnoreCase(name) ? actor : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!OPERATOR_HEADER.equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            return Collections.enumeration(actor == null ? List.of() : List.of(actor));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !OPERATOR_HEADER.equalsIgnoreCase(name)).collect(Collectors.toList());
            if (actor != null) {
                names.add(OPERATOR_HEADER);
            }
            return Collections.enumeration(names);
        }
    }
}
