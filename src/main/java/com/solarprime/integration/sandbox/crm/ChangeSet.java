package com.solarprime.integration.sandbox.crm;

import java.util.ArrayList;
import java.util.List;

/** The changes of one call, in the order they happened. */
public final class ChangeSet {

    private final List<Change> changes = new ArrayList<>();

    public void add(Change change) {
        changes.add(change);
    }

    public List<Change> all() {
        return List.copyOf(changes);
    }
}
