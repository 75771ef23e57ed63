package com.solarprime.integration.sandbox.store;

/** One option of a select, multiselect or multitext field ({@code WORK}, {@code MOB} for PHONE). */
public record FieldEnum(long id, String value, int sort) {
}
