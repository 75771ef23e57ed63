package com.solarprime.integration.calendar;

import com.solarprime.integration.qualification.ApplicationDefaults;

/** Business calendars for tests: the shipped defaults. */
public final class Calendars {

    private Calendars() {
    }

    public static BusinessHoursProperties defaultHours() {
        return ApplicationDefaults.bind("solarprime.business-hours", BusinessHoursProperties.class);
    }

    public static BusinessCalendar recife() {
        return new BusinessCalendar(defaultHours());
    }
}
