package com.solarprime.integration.kommo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reconciliation with Kommo's events API, which catches the stage changes whose webhook never arrived.
 *
 * @param reconcileInterval milliseconds between reconciliations (a plain number, as Quartz takes it)
 * @param reconcileLookback how far back the first reconciliation looks
 */
@ConfigurationProperties("solarprime.kommo.events")
public record KommoEventsProperties(Duration reconcileInterval, Duration reconcileLookback) {
}
