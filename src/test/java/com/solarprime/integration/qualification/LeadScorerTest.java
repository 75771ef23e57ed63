package com.solarprime.integration.qualification;

import static com.solarprime.integration.qualification.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.qualification.QualificationProperties.AtLeast;
import com.solarprime.integration.qualification.QualificationProperties.Score;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadScorerTest {

    private final LeadScorer scorer = new LeadScorer(ApplicationDefaults.qualification().score());

    @ParameterizedTest(name = "bill {0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "null,      0",
            "0,         0",
            "499,       0",
            "499.99,    0",
            "500,       10",
            "999,       10",
            "999.99,    10",
            "1000,      20",
            "1999,      20",
            "2000,      30",
            "3999,      30",
            "3999.99,   30",
            "4000,      40",
            "250000,    40"
    })
    void energyBillBands(String bill, int points) {
        assertThat(scorer.score(profile().bill(bill).build())).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "usina_propria,  20",
            "usina_parceira, 20",
            "investimento,   15",
            "desconto,       10",
            "desconto_alto,  10",
            "desconto_baixo, 10",
            "painel_solar,   0",
            "null,           0"
    })
    void solutionInterest(String interest, int points) {
        assertThat(scorer.score(profile().solution(interest).build())).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "imediato, 20",
            "30_dias,  15",
            "90_dias,  10",
            "futuro,   5",
            "amanha,   0",
            "null,     0"
    })
    void timeline(String timeline, int points) {
        assertThat(scorer.score(profile().timeline(timeline).build())).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} messages → {1}")
    @CsvSource(nullValues = "null", value = {
            "null, 0",
            "0,    0",
            "4,    0",
            "5,    5",
            "9,    5",
            "10,   10",
            "200,  10"
    })
    void messageCount(Integer messages, int points) {
        assertThat(scorer.score(profile().messages(messages).build())).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} s → {1}")
    @CsvSource(nullValues = "null", value = {
            "0,      10",
            "59,     10",
            "59.9,   10",
            "60,     5",
            "299,    5",
            "299.99, 5",
            "300,    0",
            "86400,  0"
    })
    void responseTime(Double seconds, int points) {
        assertThat(scorer.score(profile().responseSeconds(seconds).build())).isEqualTo(points);
    }

    @Test
    void noResponseDataEarnsNothingRatherThanTheFastestBand() {
        assertThat(scorer.score(profile().responseSeconds(null).build())).isZero();
        assertThat(scorer.score(profile().messages(0).responseSeconds(null).build())).isZero();
    }

    @Test
    void criteriaAddUp() {
        LeadProfile lead = profile().bill("2500").solution("investimento").timeline("30_dias").messages(6)
                .responseSeconds(120.0).build();

        assertThat(scorer.score(lead)).isEqualTo(30 + 15 + 15 + 5 + 5);
    }

    @Test
    void theBestPossibleLeadScoresExactly100() {
        assertThat(scorer.score(Profiles.complete().build())).isEqualTo(100);
    }

    @Test
    void theScoreIsCappedAtTheMaximum() {
        Score defaults = ApplicationDefaults.qualification().score();
        Score generous = new Score(defaults.max(), List.of(new AtLeast(BigDecimal.ZERO, 90)), defaults.solution(),
                defaults.timeline(), defaults.messages(), defaults.responseSeconds());

        assertThat(new LeadScorer(generous).score(Profiles.complete().build())).isEqualTo(100);
    }

    @Test
    void bandsWorkInWhateverOrderTheyAreConfigured() {
        Score defaults = ApplicationDefaults.qualification().score();
        Score shuffled = new Score(defaults.max(),
                List.of(new AtLeast(new BigDecimal("500"), 10), new AtLeast(new BigDecimal("4000"), 40),
                        new AtLeast(new BigDecimal("1000"), 20)),
                defaults.solution(), defaults.timeline(), defaults.messages(), defaults.responseSeconds());

        assertThat(new LeadScorer(shuffled).score(profile().bill("4200").build())).isEqualTo(40);
        assertThat(new LeadScorer(shuffled).score(profile().bill("1200").build())).isEqualTo(20);
    }
}
