package com.solarprime.integration.report;

import com.solarprime.integration.shared.TextTemplate;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The funnel of the week's cohort against the previous week's, as horizontal bars (one pair per step, top to bottom),
 * drawn in memory by JFreeChart into a PNG: no display, browser or service involved.
 */
final class FunnelChart {

    private static final TextTemplate TITLE = TextTemplate.fromClasspath("templates/report/chart-title.txt");
    private static final TextTemplate SERIES = TextTemplate.fromClasspath("templates/report/chart-series.txt");
    private static final List<String> STEPS = TextTemplate.fromClasspath("templates/report/funnel-steps.txt")
            .source().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    private static final Color SUN = new Color(0xF5, 0xA6, 0x23);
    private static final Color SKY = new Color(0x9C, 0xB8, 0xD6);

    private final ReportProperties.Chart size;
    private final int cohortWeeks;

    FunnelChart(ReportProperties.Chart size, int cohortWeeks) {
        if (STEPS.size() != FunnelStep.values().length) {
            throw new IllegalStateException("templates/report/funnel-steps.txt must name the "
                    + FunnelStep.values().length + " funnel steps, one a line");
        }
        this.size = size;
        this.cohortWeeks = cohortWeeks;
    }

    byte[] png(WeeklyReport report) {
        String current = SERIES.render(Map.of("week", report.week().toString()));
        String previous = SERIES.render(Map.of("week", report.week().previous().toString()));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (FunnelStep step : FunnelStep.values()) {
            data.addValue(report.conversion().current().count(step), current, STEPS.get(step.ordinal()));
            data.addValue(report.conversion().previous().count(step), previous, STEPS.get(step.ordinal()));
        }
        List<String> title = TITLE.render(Map.of("week", report.week().toString(),
                "previousWeek", report.week().previous().toString(), "cohortWeeks", cohortWeeks)).lines().toList();
        JFreeChart chart = ChartFactory.createBarChart(title.get(0), null, null, data, PlotOrientation.HORIZONTAL,
                true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        title.stream().skip(1).forEach(line -> chart.addSubtitle(new TextTitle(line, new Font(Font.SANS_SERIF, Font.PLAIN, 14))));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.getRangeAxis().setUpperMargin(0.08);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, SUN);
        bars.setSeriesPaint(1, SKY);
        bars.setItemMargin(0.05);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, size.width(), size.height());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the funnel chart", e);
        }
        return png.toByteArray();
    }
}
