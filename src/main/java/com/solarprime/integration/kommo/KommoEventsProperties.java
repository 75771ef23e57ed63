package com.solarprime.integration.kommo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How stage changes reported by Kommo become automation.
 *
 * @param duplicateWindow reports of the same move of the same lead this close in time are one change (a webhook,
 *                        its retries, the events API and our own sync all report the same move)
 * @param reconcileInterval milliseconds between reconciliations with the events API (a plain number, as Quartz takes it)
 * @param reconcileLookback how far back the first reconciliation looks
 */
@ConfigurationProperties("solarprime.kommo.events")
public record KommoEventsProperties(Duration duplicateWindow, Duration reconcileInterval, Duration reconcileLookback) {
}
