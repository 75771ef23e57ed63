package com.solarprime.integration.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SolutionTypeResolverTest {

    private final SolutionTypeResolver resolver =
            new SolutionTypeResolver(ApplicationDefaults.qualification().discountHighBillAbove());

    @ParameterizedTest(name = "{0} with bill {1} → {3}")
    @CsvSource(nullValues = "null", value = {
            "usina_propria,  1000,    OWN_PLANT,     Usina própria",
            "usina_parceira, 1000,    PARTNER_PLANT, Usina parceira",
            "investimento,   1000,    INVESTMENT,    Investimento",
            "desconto_alto,  1000,    DISCOUNT_HIGH, Desconto >R$4000",
            "desconto_baixo, 9000,    DISCOUNT_LOW,  Desconto <R$4000",
            "desconto,       4000.01, DISCOUNT_HIGH, Desconto >R$4000",
            "desconto,       4000,    DISCOUNT_LOW,  Desconto <R$4000",
            "desconto,       null,    DISCOUNT_LOW,  Desconto <R$4000",
            "painel_solar,   9000,    DISCOUNT_LOW,  Desconto <R$4000",
            "null,           9000,    DISCOUNT_LOW,  Desconto <R$4000"
    })
    void resolvesTheKommoSolutionType(String interest, String bill, SolutionType expected, String kommoName) {
        SolutionType type = resolver.resolve(interest, bill == null ? null : new BigDecimal(bill));

        assertThat(type).isEqualTo(expected);
        assertThat(type.kommoName()).isEqualTo(kommoName);
    }

    @Test
    void storedCodesAreTheSeeds() {
        assertThat(Arrays.stream(SolutionType.values()).map(SolutionType::code))
                .containsExactly("usina_propria", "usina_parceira", "desconto_alto", "desconto_baixo", "investimento");
    }
}
