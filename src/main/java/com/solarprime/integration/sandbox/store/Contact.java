package com.solarprime.integration.sandbox.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** A contact as stored; PHONE and EMAIL live in {@code customFieldsValues} like any multitext field. */
public record Contact(long id, String name, String firstName, String lastName, long responsibleUserId,
                      long createdBy, long updatedBy, long createdAt, long updatedAt, ArrayNode customFieldsValues,
                      List<Tag> tags, Long closestTaskAt) {
}
