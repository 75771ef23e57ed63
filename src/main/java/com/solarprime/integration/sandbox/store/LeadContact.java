package com.solarprime.integration.sandbox.store;

/** A contact linked to a lead; one of a lead's contacts is its main contact. */
public record LeadContact(long leadId, long contactId, boolean isMain) {
}
