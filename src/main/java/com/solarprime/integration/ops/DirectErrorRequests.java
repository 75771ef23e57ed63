package com.solarprime.integration.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the servlet container forwards a failed request; called directly it has no error to show and
 * Spring answers 500. A client that asks for it gets 404 like any other path that is not an endpoint. Forwards (the
 * error dispatch) are not filtered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectErrorRequests extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("/error".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"not_found\",\"reason\":\"Not Found\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
