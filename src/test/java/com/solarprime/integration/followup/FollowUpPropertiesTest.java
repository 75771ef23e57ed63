package com.solarprime.integration.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.followup.FollowUpProperties.MetaTemplate;
import com.solarprime.integration.qualification.ApplicationDefaults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowUpPropertiesTest {

    @Test
    void theShippedDefaults() {
        FollowUpProperties properties = ApplicationDefaults.bind("solarprime.follow-up", FollowUpProperties.class);

        assertThat(properties.immediateDelay()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.dailyDelay()).isEqualTo(Duration.ofHours(24));
        assertThat(properties.maxUnanswered()).isEqualTo(3);
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.providerRatePerSecond()).isEqualTo(80.0);
        // A consent confirmation answers the lead's own message: always inside the 24-hour window.
        assertThat(properties.metaTemplates()).containsOnlyKeys(java.util.Arrays.stream(FollowUpType.values())
                .filter(type -> type != FollowUpType.CONSENT).toList());
        assertThat(properties.metaTemplate(FollowUpType.DAILY))
                .contains(new MetaTemplate("solarprime_follow_up_daily", "pt_BR"));
    }

    @Test
    void aTypeWithoutTemplateHasNone() {
        FollowUpProperties properties = new FollowUpProperties(Duration.ofMinutes(30), Duration.ofHours(24), 3,
                Duration.ofSeconds(30), 80, 8, null);

        assertThat(properties.metaTemplate(FollowUpType.CUSTOM)).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new FollowUpProperties(Duration.ZERO, Duration.ofHours(24), 3,
                Duration.ofSeconds(30), 80, 8, Map.of()))
                .hasMessageContaining("immediate-delay");
        assertThatThrownBy(() -> new FollowUpProperties(Duration.ofMinutes(30), Duration.ofHours(24), 3,
                Duration.ofSeconds(30), 0, 8, Map.of()))
                .hasMessageContaining("provider-rate-per-second");
    }
}
