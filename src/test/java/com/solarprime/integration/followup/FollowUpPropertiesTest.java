package com.solarprime.integration.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.followup.FollowUpProperties.MetaTemplate;
import com.solarprime.integration.qualification.ApplicationDefaults;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowUpPropertiesTest {

    @Test
    void theShippedDefaults() {
        FollowUpProperties properties = ApplicationDefaults.bind("solarprime.follow-up", FollowUpProperties.class);

        assertThat(properties.immediateDelay()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.dailyDelay()).isEqualTo(Duration.ofHours(24));
        assertThat(properties.reengagementDelay()).isEqualTo(Duration.ofDays(7));
        assertThat(properties.proposalDelays()).containsExactly(Duration.ofDays(2), Duration.ofDays(5), Duration.ofDays(10));
        assertThat(properties.meetingConfirmationTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(properties.meetingReminderBefore()).isEqualTo(Duration.ofHours(2));
        assertThat(properties.maxUnanswered()).isEqualTo(3);
        assertThat(properties.batchSize()).isEqualTo(100);
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.claimTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.maxAttempts()).isEqualTo(5);
        assertThat(properties.retryBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.providerRatePerSecond()).isEqualTo(80.0);
        assertThat(properties.metaTemplates()).containsOnlyKeys(FollowUpType.values());
        assertThat(properties.metaTemplate(FollowUpType.DAILY))
                .contains(new MetaTemplate("solarprime_follow_up_daily", "pt_BR"));
    }

    @Test
    void aTypeWithoutTemplateHasNone() {
        FollowUpProperties properties = new FollowUpProperties(Duration.ofMinutes(30), Duration.ofHours(24),
                Duration.ofDays(7), List.of(Duration.ofDays(2)), LocalTime.of(8, 0), Duration.ofHours(2), 3, 100,
                Duration.ofSeconds(30), Duration.ofMinutes(5), 5, Duration.ofMinutes(1), 80, 8, null);

        assertThat(properties.metaTemplate(FollowUpType.CUSTOM)).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new FollowUpProperties(Duration.ofMinutes(30), Duration.ofHours(24),
                Duration.ofDays(7), List.of(), LocalTime.of(8, 0), Duration.ofHours(2), 3, 100,
                Duration.ofSeconds(30), Duration.ofMinutes(5), 5, Duration.ofMinutes(1), 80, 8, Map.of()))
                .hasMessageContaining("proposal-delays");
        assertThatThrownBy(() -> new FollowUpProperties(Duration.ZERO, Duration.ofHours(24),
                Duration.ofDays(7), List.of(Duration.ofDays(2)), LocalTime.of(8, 0), Duration.ofHours(2), 3, 100,
                Duration.ofSeconds(30), Duration.ofMinutes(5), 5, Duration.ofMinutes(1), 80, 8, Map.of()))
                .hasMessageContaining("immediate-delay");
        assertThatThrownBy(() -> new FollowUpProperties(Duration.ofMinutes(30), Duration.ofHours(24),
                Duration.ofDays(7), List.of(Duration.ofDays(2)), LocalTime.of(8, 0), Duration.ofHours(2), 3, 100,
                Duration.ofSeconds(30), Duration.ofMinutes(5), 5, Duration.ofMinutes(1), 0, 8, Map.of()))
                .hasMessageContaining("provider-rate-per-second");
    }
}
