package com.solarprime.integration.console;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ops console ({@code /ops}).
 *
 * @param zone dates and times are shown in this zone
 * @param pageSize dead letters per page
 * @param calendarDays days the follow-ups calendar shows, today included
 * @param auditRows the latest admin actions the overview lists
 */
@ConfigurationProperties("solarprime.console")
public record ConsoleProperties(ZoneId zone, int pageSize, int calendarDays, int auditRows) {
}
