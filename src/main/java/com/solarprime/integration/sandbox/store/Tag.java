package com.solarprime.integration.sandbox.store;

/** A tag of leads or contacts. */
public record Tag(long id, String name) {
}
