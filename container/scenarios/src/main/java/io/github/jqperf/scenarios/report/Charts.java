package io.github.jqperf.scenarios.report;

import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.results.Results;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws the report's charts as PNG files (JFreeChart, headless). */
public final class Charts {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)
    };

    private Charts() {}

    /**
     * Draws every chart the report names.
     *
     * @param results saved results
     * @param dir where to write the PNG files
     * @return the files written
     * @throws IOException when one cannot be written
     */
    public static List<Path> write(final Results results, final Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        final Stats st = new Stats(results);
        final List<Scenario> scenarios = ReportBuilder.scenarios(results);
        final List<Path> out = new ArrayList<>();

        final DefaultCategoryDataset bw = new DefaultCategoryDataset();
        final DefaultCategoryDataset lat = new DefaultCategoryDataset();
        for (final String key : List.of("tcp_bw.bw", "udp_bw.recv_bw")) {
            for (final String tool : ReportBuilder.TOOLS) {
                for (final Scenario s : scenarios) {
                    final double v =
                            st.get(s.name(), tool, key).map(Summary::median).orElse(Double.NaN);
                    bw.addValue(Double.isNaN(v) ? null : v / 1e9, ReportBuilder.label(tool) + " " + key, s.name());
                }
            }
        }
        for (final String key : List.of("tcp_lat.latency", "udp_lat.latency")) {
            for (final String tool : ReportBuilder.TOOLS) {
                for (final Scenario s : scenarios) {
                    final double v =
                            st.get(s.name(), tool, key).map(Summary::median).orElse(Double.NaN);
                    lat.addValue(Double.isNaN(v) ? null : v * 1e6, ReportBuilder.label(tool) + " " + key, s.name());
                }
            }
        }
        out.add(save(
                bars("Bandwidth by scenario (median of rounds)", "GB/sec", bw),
                dir.resolve(ReportBuilder.BANDWIDTH_PNG)));
        out.add(save(
                bars("Latency by scenario (median of rounds)", "µs", lat), dir.resolve(ReportBuilder.LATENCY_PNG)));

        for (final Scenario s : scenarios) {
            final XYSeriesCollection b = new XYSeriesCollection();
            final XYSeriesCollection l = new XYSeriesCollection();
            boolean any = false;
            for (final String tool : ReportBuilder.TOOLS) {
                any |= add(b, ReportBuilder.label(tool) + " tcp_bw", st.sweep(s.name(), tool, "tcp_bw.bw"), 1e-9);
                any |= add(l, ReportBuilder.label(tool) + " tcp_lat", st.sweep(s.name(), tool, "tcp_lat.latency"), 1e6);
            }
            if (!any) {
                continue;
            }
            final LogAxis size = new LogAxis("message size (bytes)");
            size.setBase(2);
            size.setSmallestValue(1);
            size.setTickUnit(new NumberTickUnit(2)); // every second power of 2: 64, 256, 1024, ...
            size.setNumberFormatOverride(new DecimalFormat("0"));
            final CombinedDomainXYPlot plot = new CombinedDomainXYPlot(size);
            plot.add(xy(b, "GB/sec"), 1);
            plot.add(xy(l, "µs"), 1);
            final JFreeChart chart = new JFreeChart(
                    s.name() + ": tcp_bw and tcp_lat by message size", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
            chart.setBackgroundPaint(Color.WHITE);
            out.add(save(chart, dir.resolve(ReportBuilder.sweepPng(s.name()))));
        }
        return out;
    }

    private static boolean add(
            final XYSeriesCollection c, final String name, final Map<Long, Summary> points, final double factor) {
        if (points.isEmpty()) {
            return false;
        }
        final XYSeries s = new XYSeries(name);
        points.forEach((size, v) -> s.add((double) size, v.median() * factor));
        c.addSeries(s);
        return true;
    }

    private static XYPlot xy(final XYSeriesCollection data, final String unit) {
        final XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < COLORS.length; i++) {
            r.setSeriesPaint(i, COLORS[i]);
        }
        final NumberAxis y = new NumberAxis(unit);
        y.setAutoRangeIncludesZero(true);
        final XYPlot p = new XYPlot(data, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    private static JFreeChart bars(final String title, final String unit, final DefaultCategoryDataset data) {
        final CategoryAxis x = new CategoryAxis("scenario");
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        x.setMaximumCategoryLabelLines(2);
        final BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        for (int i = 0; i < COLORS.length; i++) {
            r.setSeriesPaint(i, COLORS[i]);
        }
        final CategoryPlot p = new CategoryPlot(data, x, new NumberAxis(unit), r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, p, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static Path save(final JFreeChart chart, final Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
