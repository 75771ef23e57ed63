package com.solarprime.integration.sandbox.store;

/** An account user: responsible for leads and tasks, author of changes. */
public record User(long id, String name, String email, boolean isAdmin) {
}
