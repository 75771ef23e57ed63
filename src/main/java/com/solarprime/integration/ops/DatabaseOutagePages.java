package com.solarprime.integration.ops;

import com.solarprime.integration.shared.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The pages and controls served by Spring MVC (console, sandbox) while PostgreSQL is down or restarting: {@code 503}
 * with {@code Retry-After}, as the routes answer, instead of a server error. The error page or body is the usual one
 * for the client (a browser gets a page, anyone else {@code {"error":"service_unavailable",...}}).
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DatabaseOutagePages {

    private final DatabaseUnavailable outage;

    DatabaseOutagePages(DatabaseUnavailable outage) {
        this.outage = outage;
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    void unavailable(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        outage.note(request.getMethod() + " " + SecurityConfiguration.path(request), e);
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the database is unavailable; try again later");
    }
}
