package com.solarprime.integration.report;

/**
 * A week's report ready to go out.
 *
 * @param text the WhatsApp text
 * @param caption the chart's caption when the text is too long to be one
 * @param chart the funnel chart, PNG
 */
public record PreparedReport(IsoWeek week, String text, String caption, byte[] chart) {
}
