package com.solarprime.integration.sandbox.store;

import java.util.List;

/** One page of a list and whether another follows. */
public record Slice<T>(List<T> items, boolean hasNext) {
}
