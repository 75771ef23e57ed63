package com.solarprime.integration.shared.work;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The work tables of the service, each a {@link WorkQueue} with the settings of its name. */
@Configuration(proxyBeanMethods = false)
public class WorkQueues {

    public static final String INBOX = "inbox";
    public static final String KOMMO_OUTBOX = "kommo-outbox";
    public static final String FOLLOW_UPS = "follow-ups";
    public static final String STAGE_CHANGES = "stage-changes";
    public static final String ALERTS = "alerts";

    @Bean
    WorkQueue inboxQueue(WorkProperties work, ServiceInstance instance, JdbcClient jdbc, Clock clock) {
        return new WorkQueue(INBOX, "inbox", "next_attempt_at", work, instance, jdbc, clock);
    }

    @Bean
    WorkQueue kommoOutboxQueue(WorkProperties work, ServiceInstance instance, JdbcClient jdbc, Clock clock) {
        return new WorkQueue(KOMMO_OUTBOX, "kommo_outbox", "next_attempt_at", work, instance, jdbc, clock);
    }

    @Bean
    WorkQueue followUpQueue(WorkProperties work, ServiceInstance instance, JdbcClient jdbc, Clock clock) {
        return new WorkQueue(FOLLOW_UPS, "follow_up", "due_at", work, instance, jdbc, clock);
    }

    @Bean
    WorkQueue stageChangeQueue(WorkProperties work, ServiceInstance instance, JdbcClient jdbc, Clock clock) {
        return new WorkQueue(STAGE_CHANGES, "stage_history", "next_attempt_at", work, instance, jdbc, clock);
    }

    @Bean
    WorkQueue alertQueue(WorkProperties work, ServiceInstance instance, JdbcClient jdbc, Clock clock) {
        return new WorkQueue(ALERTS, "notification", "next_attempt_at", work, instance, jdbc, clock);
    }
}
