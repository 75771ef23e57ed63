package com.solarprime.integration.shared;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;

/** What went wrong, in one line an operator can act on: the cause Camel's wrappers hide, scrubbed of secrets. */
public final class Failures {

    private Failures() {
    }

    public static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable cause = failure;
        while ((cause instanceof CamelExecutionException || cause instanceof RuntimeCamelException
                || cause.getClass().getName().startsWith("org.apache.camel.")) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return LogSanitizer.clean(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
}
