package com.solarprime.integration.sandbox.store;

/** An inclusive Unix-seconds range from {@code filter[...][from]} and {@code filter[...][to]}; either end optional. */
public record Range(Long from, Long to) {
}
