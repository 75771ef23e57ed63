package com.solarprime.integration.sandbox.store;

import java.util.List;

/** {@code page} (from 1) and {@code limit} of a list call. */
public record PageRequest(int page, int limit) {

    int offset() {
        return (page - 1) * limit;
    }

    /** One row more than the page holds tells whether a next page exists. */
    int fetchSize() {
        return limit + 1;
    }

    public <T> Slice<T> slice(List<T> fetched) {
        boolean hasNext = fetched.size() > limit;
        return new Slice<>(hasNext ? fetched.subList(0, limit) : fetched, hasNext);
    }
}
