package com.solarprime.integration.sandbox.crm;

/** An entity a batch call wrote, with the request id the caller gave it (or its index). */
public record Written<T>(T entity, String requestId) {
}
