package com.solarprime.integration.qualification;

import static com.solarprime.integration.qualification.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagRulesTest {

    private final TagRules rules = new TagRules(ApplicationDefaults.qualification().tags());

    @ParameterizedTest(name = "score {0} → {1}")
    @CsvSource({
            "100, Lead Quente",
            "70,  Lead Quente",
            "69,  Lead Morno",
            "40,  Lead Morno",
            "39,  Lead Frio",
            "0,   Lead Frio"
    })
    void temperature(int score, String tag) {
        assertThat(rules.tags(profile().build(), score)).containsExactly("WhatsApp Lead", tag);
    }

    @ParameterizedTest(name = "bill {0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "4000,    Alto Valor",
            "3999.99, Médio Valor",
            "2000,    Médio Valor",
            "1999.99, null",
            "null,    null"
    })
    void value(String bill, String tag) {
        List<String> tags = rules.tags(profile().bill(bill).build(), 0);

        assertThat(tags).containsExactlyElementsOf(tag == null
                ? List.of("WhatsApp Lead", "Lead Frio")
                : List.of("WhatsApp Lead", "Lead Frio", tag));
    }

    @Test
    void competitorAndCurrentDiscount() {
        assertThat(rules.tags(profile().competitor("Solar Nordeste").currentDiscount("12%").build(), 0))
                .containsExactly("WhatsApp Lead", "Lead Frio", "Tem Concorrente", "Já Tem Desconto");
        assertThat(rules.tags(profile().competitor(" ").currentDiscount("").build(), 0))
                .containsExactly("WhatsApp Lead", "Lead Frio");
    }

    @ParameterizedTest(name = "{0} → urgent: {1}")
    @CsvSource(nullValues = "null", value = {"imediato, true", "30_dias, false", "null, false"})
    void urgent(String timeline, boolean urgent) {
        assertThat(rules.tags(profile().timeline(timeline).build(), 0).contains("Urgente")).isEqualTo(urgent);
    }

    @ParameterizedTest(name = "{0} messages → engaged: {1}")
    @CsvSource(nullValues = "null", value = {"11, true", "10, false", "null, false"})
    void highEngagementNeedsMoreThanTenMessages(Integer messages, boolean engaged) {
        assertThat(rules.tags(profile().messages(messages).build(), 0).contains("Alto Engajamento")).isEqualTo(engaged);
    }

    @Test
    void everyTagInTheSeedsOrder() {
        assertThat(rules.tags(Profiles.complete().build(), 100)).containsExactly("WhatsApp Lead", "Lead Quente",
                "Alto Valor", "Tem Concorrente", "Já Tem Desconto", "Urgente", "Alto Engajamento");
    }

    @Test
    void mergeKeepsWhatAPersonAddedAndReplacesOutdatedLevels() {
        List<String> inKommo = List.of("WhatsApp Lead", "Lead Frio", "Médio Valor", "Indicação do Carlos", "urgente");
        List<String> computed = List.of("WhatsApp Lead", "Lead Quente", "Alto Valor", "Urgente");

        assertThat(TagRules.merge(inKommo, computed))
                .containsExactly("WhatsApp Lead", "Indicação do Carlos", "urgente", "Lead Quente", "Alto Valor");
    }

    @Test
    void mergeKeepsFactsLearntEarlier() {
        assertThat(TagRules.merge(List.of("Tem Concorrente", "Lead Morno"), List.of("WhatsApp Lead", "Lead Morno")))
                .containsExactly("Tem Concorrente", "Lead Morno", "WhatsApp Lead");
    }
}
