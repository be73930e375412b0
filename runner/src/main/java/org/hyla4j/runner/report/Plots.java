package org.hyla4j.runner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts with XChart: curves with seed bands (mean ± SE error bars) and bar charts with error bars. */
public final class Plots {

    /** Curves with at most this many points are drawn with markers, so that a curve of one point is seen at all. */
    static final int SPARSE = 20;

    private Plots() {
    }

    /**
     * A curve per variant.
     *
     * @param series variant → (x, mean, se)
     */
    public static void curves(Path file, String title, String xLabel, String yLabel, Map<String, double[][]> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // inside, it covers the curves' ends
        // one row of legend entries holds three names; more are stacked, or the row runs past the picture's edge
        chart.getStyler().setLegendLayout(series.size() > 3 ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        series.forEach((name, xyz) -> {
            XYSeries s = hasErrors(xyz[2]) ? chart.addSeries(name, xyz[0], xyz[1], xyz[2]) : chart.addSeries(name, xyz[0], xyz[1]);
            s.setMarker(xyz[0].length <= SPARSE ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE); // a sparse curve shows its points
        });
        save(chart, file);
    }

    /** Bars per variant (x categories) for several groups (e.g. splits), with error bars. */
    public static void bars(Path file, String title, String yLabel, List<String> variants, Map<String, double[][]> groups) {
        bars(file, title, yLabel, variants, groups, "attention variant");
    }

    /** Bars per category with a custom x-axis title. */
    public static void bars(Path file, String title, String yLabel, List<String> variants, Map<String, double[][]> groups, String xLabel) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(15);
        groups.forEach((name, meanSe) -> {
            double[] se = meanSe[1].clone();
            for (int i = 0; i < se.length; i++) {
                se[i] = Double.isNaN(se[i]) ? 0 : se[i];
            }
            chart.addSeries(name, variants, toList(meanSe[0]), toList(se));
        });
        save(chart, file);
    }

    private static List<Double> toList(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    private static boolean hasErrors(double[] se) {
        for (double v : se) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Writes a chart as PNG to {@code file} (which ends in {@code .png}). */
    public static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        try {
            String name = file.toString();
            BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
