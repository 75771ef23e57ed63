package com.solarprime.integration.sandbox;

/** Where the emulator lives inside the service. */
public final class SandboxPaths {

    public static final String ROOT = "/sandbox/kommo";
    public static final String API = ROOT + "/api/v4";
    public static final String TOKEN = ROOT + "/oauth2/access_token";
    public static final String ADMIN = ROOT + "/_admin";
    public static final String UI = ROOT + "/ui";

    private SandboxPaths() {
    }
}
