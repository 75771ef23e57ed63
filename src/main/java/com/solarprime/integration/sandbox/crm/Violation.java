package com.solarprime.integration.sandbox.crm;

/**
 * One failing field of one entity, as Kommo lists it in {@code validation-errors}. Kommo's codes come
 * from its validator; {@code NotSupportedChoice} and {@code InvalidType} are the ones seen in its
 * answers, the others are named in the same style.
 */
public record Violation(String code, String path, String detail) {

    public static final String NOT_SUPPORTED_CHOICE = "NotSupportedChoice";
    public static final String INVALID_TYPE = "InvalidType";
    public static final String FIELD_MISSING = "FieldMissing";
    public static final String FIELD_NOT_EXPECTED = "FieldNotExpected";
    public static final String TOO_MANY = "TooManyElements";
    public static final String NOT_BLANK = "NotBlank";
}
