package com.solarprime.integration.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.qualification.ApplicationDefaults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutomationPropertiesTest {

    static AutomationProperties defaults() {
        return ApplicationDefaults.bind("solarprime.automation", AutomationProperties.class);
    }

    @Test
    void theShippedDefaultsAreTheSeeds() {
        AutomationProperties properties = defaults();

        assertThat(properties.hotScore()).isEqualTo(70);
        assertThat(properties.warmScore()).isEqualTo(40);
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(properties.salespersonPhones()).isEmpty();
        assertThat(properties.salesGroup()).isNull();
    }

    @Test
    void anAlertGoesToTheSalespersonElseTheGroupElseNowhere() {
        AutomationProperties withGroup = with(Map.of(8123456L, "+5581999990001"), "120363000000000000@g.us");
        AutomationProperties withoutGroup = with(Map.of(8123456L, "+5581999990001"), " ");

        assertThat(withGroup.alertDestination(8123456L)).contains("+5581999990001");
        assertThat(withGroup.alertDestination(7L)).contains("120363000000000000@g.us");
        assertThat(withGroup.alertDestination(null)).contains("120363000000000000@g.us");
        assertThat(withoutGroup.alertDestination(7L)).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        AutomationProperties d = defaults();
        assertThatThrownBy(() -> new AutomationProperties(30, 40, d.pollInterval(), Map.of(), null, d.metaAlertTemplate()))
                .hasMessageContaining("warm-score");
    }

    private static AutomationProperties with(Map<Long, String> phones, String group) {
        AutomationProperties d = defaults();
        return new AutomationProperties(d.hotScore(), d.warmScore(), d.pollInterval(), phones, group, d.metaAlertTemplate());
    }
}
