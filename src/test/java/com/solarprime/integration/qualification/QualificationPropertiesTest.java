package com.solarprime.integration.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.qualification.QualificationProperties.AtLeast;
import com.solarprime.integration.qualification.QualificationProperties.SolutionPoints;
import com.solarprime.integration.qualification.QualificationProperties.Tags;
import com.solarprime.integration.qualification.QualificationProperties.TimelinePoints;
import com.solarprime.integration.qualification.QualificationProperties.Under;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QualificationPropertiesTest {

    @Test
    void theShippedDefaultsAreTheSeedsRules() {
        QualificationProperties properties = ApplicationDefaults.qualification();

        assertThat(properties.score().max()).isEqualTo(100);
        assertThat(properties.score().bill()).containsExactly(band(4000, 40), band(2000, 30), band(1000, 20), band(500, 10));
        assertThat(properties.score().solution()).isEqualTo(new SolutionPoints(20, 20, 15, 10));
        assertThat(properties.score().timeline()).isEqualTo(new TimelinePoints(20, 15, 10, 5));
        assertThat(properties.score().messages()).containsExactly(band(10, 10), band(5, 5));
        assertThat(properties.score().responseSeconds())
                .containsExactly(new Under(new BigDecimal("60"), 10), new Under(new BigDecimal("300"), 5));
        assertThat(properties.tags())
                .isEqualTo(new Tags(70, 40, new BigDecimal("4000"), new BigDecimal("2000"), 10));
        assertThat(properties.discountHighBillAbove()).isEqualByComparingTo("4000");
        assertThat(properties.responsible().highValueBillAbove()).isEqualByComparingTo("4000");
        assertThat(properties.responsible().defaultUser()).isEmpty();
    }

    private static AtLeast band(int atLeast, int points) {
        return new AtLeast(new BigDecimal(atLeast), points);
    }
}
