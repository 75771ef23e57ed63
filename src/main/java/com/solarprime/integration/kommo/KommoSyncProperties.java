package com.solarprime.integration.kommo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sending the outbox to Kommo. Claims, retries and the batch size are the {@code kommo-outbox} work queue's
 * ({@code solarprime.work.queues.kommo-outbox}); Kommo takes at most 50 leads per complex creation.
 *
 * @param pollInterval time between looks at the outbox
 * @param reapplyTagsAfterCreate a lead created with more than one tag gets them again with a PATCH (a reported
 *                               Kommo bug keeps only the first tag on complex creation)
 */
@ConfigurationProperties("solarprime.kommo.sync")
public record KommoSyncProperties(Duration pollInterval, boolean reapplyTagsAfterCreate) {
}
