package com.solarprime.integration.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing admin request that a browser could have been made to send from another site: the
 * browser adds remembered basic-auth credentials on its own, so without this check any page an admin visits
 * could post to {@code /ops/**}. A request passes with an {@value #HEADER} header (no browser sends a custom
 * header cross-site without a CORS preflight, which this service never grants), or with an {@code Origin}
 * that is this service itself (Hawtio and the sandbox page post from their own origin). Jolokia also executes
 * operations and writes attributes on GET, so there only its read-only operations count as safe.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Requested-By";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String JOLOKIA = "/jolokia";
    /** Jolokia's operations that change nothing; "" is its root, which answers the version. */
    private static final Set<String> JOLOKIA_READS = Set.of("", "read", "list", "search", "version");

    private final Optional<String> publicOrigin;

    /** @param publicBaseUrl how browsers reach this service, which may differ from the address it sees behind a proxy */
    CrossSiteRequestFilter(String publicBaseUrl) {
        this.publicOrigin = origin(publicBaseUrl);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!changesState(request) || StringUtils.hasText(request.getHeader(HEADER)) || fromOwnOrigin(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"forbidden\",\"reason\":\"a state-changing admin request needs the "
                + HEADER + " header (any value)\"}");
    }

    /** Whether the request may change something: any method but the safe ones, and Jolokia's operations but reads. */
    static boolean changesState(HttpServletRequest request) {
        if (!SAFE_METHODS.contains(request.getMethod())) {
            return true;
        }
        // Decoded as the servlets see it, so that an escaped operation name reads as what Jolokia will run.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        int jolokia = path.indexOf(JOLOKIA + "/");
        if (jolokia < 0 && !path.endsWith(JOLOKIA)) {
            return false;
        }
        String operation = jolokia < 0 ? "" : path.substring(jolokia + JOLOKIA.length());
        String parameter = request.getParameter("p");
        // Jolokia takes its request from the "p" parameter when there is one: both must be reads.
        return !isJolokiaRead(operation) || (parameter != null && !isJolokiaRead(parameter));
    }

    private static boolean isJolokiaRead(String request) {
        String stripped = request.replaceFirst("^/+", "");
        int slash = stripped.indexOf('/');
        String type = (slash < 0 ? stripped : stripped.substring(0, slash)).toLowerCase(Locale.ROOT);
        return JOLOKIA_READS.contains(type);
    }

    private boolean fromOwnOrigin(HttpServletRequest request) {
        Optional<String> origin = origin(request.getHeader("Origin"));
        if (origin.isEmpty()) {
            return false;
        }
        String own = normalized(request.getScheme(), request.getServerName(), request.getServerPort());
        return origin.get().equals(own) || origin.equals(publicOrigin);
    }

    /** {@code scheme://host:port} with the default port spelled out; empty for "null", blank or garbage. */
    private static Optional<String> origin(String url) {
        if (!StringUtils.hasText(url)) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(normalized(uri.getScheme(), uri.getHost(), uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String normalized(String scheme, String host, int port) {
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        int effectivePort = port > 0 ? port : "https".equals(lowerScheme) ? 443 : 80;
        return lowerScheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + effectivePort;
    }
}
