package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import org.springframework.stereotype.Component;

/** Entity ids from the sandbox's single sequence. */
@Component
@ConditionalOnSandbox
public class Ids {

    private final SandboxDatabase db;

    public Ids(SandboxDatabase db) {
        this.db = db;
    }

    public long next() {
        return db.jdbc().sql("SELECT nextval('kommo_sandbox.entity_id')").query(Long.class).single();
    }
}
