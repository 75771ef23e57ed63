package com.solarprime.integration.kommo;

import com.solarprime.integration.kommo.webhook.KommoEvent;

/**
 * What an event of a stored Kommo delivery means to a flow above the Kommo layer (meetings people make in Kommo).
 * Called for every event, in the delivery's transaction, after Kommo's own handling of it.
 */
public interface KommoEventHandler {

    /** @return whether the event meant something to this handler (a delivery nothing acted on is kept as ignored) */
    boolean handle(KommoEvent event);
}
