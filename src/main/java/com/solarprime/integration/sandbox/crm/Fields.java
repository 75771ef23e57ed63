package com.solarprime.integration.sandbox.crm;

import java.util.HashSet;
import java.util.Set;

/** Field names an entity accepts. Read-only names are tolerated because clients send back what they read. */
final class Fields {

    private Fields() {
    }

    static Set<String> of(Set<String> writable, Set<String> readOnly, String... extra) {
        Set<String> all = new HashSet<>(writable);
        all.addAll(readOnly);
        all.addAll(Set.of(extra));
        return Set.copyOf(all);
    }
}
