package com.solarprime.integration.sandbox.crm;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs a write in one transaction, records its events in that same transaction (so the events API
 * never disagrees with the data), and hands its changes to the listeners only after commit.
 * Every writer goes through here: the API, the complex endpoint and the sandbox page alike.
 */
@Component
@ConditionalOnSandbox
public class CrmWrites {

    private final SandboxDatabase db;
    private final EventRecorder events;
    private final ObjectProvider<ChangeListener> listeners;

    public CrmWrites(SandboxDatabase db, EventRecorder events, ObjectProvider<ChangeListener> listeners) {
        this.db = db;
        this.events = events;
        this.listeners = listeners;
    }

    public <T> T write(Function<ChangeSet, T> work) {
        ChangeSet changes = new ChangeSet();
        T result = db.inTransaction(() -> {
            T value = work.apply(changes);
            events.record(changes.all());
            return value;
        });
        List<Change> committed = changes.all();
        if (!committed.isEmpty()) {
            listeners.orderedStream().forEach(l -> l.committed(committed));
        }
        return result;
    }
}
