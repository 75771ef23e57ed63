package com.solarprime.integration.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.calendar.BrazilianHolidays.Holiday;
import com.solarprime.integration.calendar.BrazilianHolidays.Observance;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrazilianHolidaysTest {

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({"2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2028, 2028-04-16",
            "2038, 2038-04-25", "2285, 2285-03-22", "2000, 2000-04-23"})
    void easterByTheAnonymousGregorianAlgorithm(int year, LocalDate easter) {
        assertThat(BrazilianHolidays.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void theHolidaysOf2027() {
        assertThat(BrazilianHolidays.of(2027)).containsExactly(
                new Observance(LocalDate.of(2027, 1, 1), Holiday.NEW_YEAR),
                new Observance(LocalDate.of(2027, 2, 8), Holiday.CARNIVAL_MONDAY),
                new Observance(LocalDate.of(2027, 2, 9), Holiday.CARNIVAL_TUESDAY),
                new Observance(LocalDate.of(2027, 3, 26), Holiday.GOOD_FRIDAY),
                new Observance(LocalDate.of(2027, 4, 21), Holiday.TIRADENTES),
                new Observance(LocalDate.of(2027, 5, 1), Holiday.LABOUR_DAY),
                new Observance(LocalDate.of(2027, 5, 27), Holiday.CORPUS_CHRISTI),
                new Observance(LocalDate.of(2027, 9, 7), Holiday.INDEPENDENCE),
                new Observance(LocalDate.of(2027, 10, 12), Holiday.OUR_LADY_OF_APARECIDA),
                new Observance(LocalDate.of(2027, 11, 2), Holiday.ALL_SOULS),
                new Observance(LocalDate.of(2027, 11, 15), Holiday.REPUBLIC),
                new Observance(LocalDate.of(2027, 11, 20), Holiday.BLACK_CONSCIOUSNESS),
                new Observance(LocalDate.of(2027, 12, 25), Holiday.CHRISTMAS));
    }

    @Test
    void blackConsciousnessDayIsNationalFrom2024() {
        assertThat(BrazilianHolidays.on(LocalDate.of(2023, 11, 20))).isEmpty();
        assertThat(BrazilianHolidays.on(LocalDate.of(2024, 11, 20))).containsExactly(Holiday.BLACK_CONSCIOUSNESS);
        assertThat(BrazilianHolidays.of(2023)).hasSize(12);
    }

    @Test
    void goodFridayCanFallOnTiradentes() {
        assertThat(BrazilianHolidays.on(LocalDate.of(2079, 4, 21)))
                .containsExactlyInAnyOrder(Holiday.GOOD_FRIDAY, Holiday.TIRADENTES);
    }

    @Test
    void onlyCarnivalAndCorpusChristiAreOptional() {
        assertThat(Holiday.values()).filteredOn(Holiday::optional)
                .containsExactly(Holiday.CARNIVAL_MONDAY, Holiday.CARNIVAL_TUESDAY, Holiday.CORPUS_CHRISTI);
    }
}
