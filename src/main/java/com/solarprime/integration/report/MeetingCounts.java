package com.solarprime.integration.report;

/**
 * The week's meetings: booked during it (not cancelled), and those that started during it and were held or missed.
 */
public record MeetingCounts(int scheduled, int held, int noShow) {
}
