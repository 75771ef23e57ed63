package com.solarprime.integration.lead;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param duplicateWindow reports of the same move of the same lead this close in time are one change (a webhook,
 *                        its retries, the events API and our own sync all report the same move)
 */
@ConfigurationProperties("solarprime.stage-history")
public record StageHistoryProperties(Duration duplicateWindow) {
}
