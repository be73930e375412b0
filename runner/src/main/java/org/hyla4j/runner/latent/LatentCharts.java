package org.hyla4j.runner.latent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hyla4j.core.io.AtomicFile;
import org.hyla4j.runner.report.Plots;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Figures and tables of a latent-code analysis: embeddings coloured by label, the cosine heat map and its CSV. */
public final class LatentCharts {

    private LatentCharts() {
    }

    /** A scatter plot of a 2-D embedding coloured by label. */
    public static void scatter(Path file, String title, double[][] points, int[] labels, Map<Integer, String> names) {
        XYChart chart = new XYChartBuilder().width(820).height(640).title(title).xAxisTitle("dimension 1").yAxisTitle("dimension 2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        Map<Integer, List<double[]>> byLabel = new TreeMap<>();
        for (int i = 0; i < points.length; i++) {
            byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(points[i]);
        }
        byLabel.forEach((label, pts) -> {
            double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(names.getOrDefault(label, String.valueOf(label)), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        Plots.save(chart, file);
    }

    /** A heat map of a square matrix with labelled axes. */
    public static void heatmap(Path file, String title, List<String> names, double[][] matrix) {
        HeatMapChart chart = new HeatMapChartBuilder().width(760).height(680).title(title).build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMin(-1);
        chart.getStyler().setMax(1);
        List<Number[]> values = new ArrayList<>();
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix.length; j++) {
                values.add(new Number[] {i, j, Math.round(matrix[i][j] * 100) / 100.0});
            }
        }
        chart.addSeries("cosine similarity", names, names, values);
        Plots.save(chart, file);
    }

    /** Writes a matrix with header row and column as CSV. */
    public static void csv(Path file, List<String> names, double[][] matrix) {
        StringBuilder sb = new StringBuilder("label," + String.join(",", names) + "\n");
        for (int i = 0; i < matrix.length; i++) {
            sb.append(names.get(i));
            for (double v : matrix[i]) {
                sb.append(String.format(Locale.ROOT, ",%.6f", v));
            }
            sb.append('\n');
        }
        try {
            AtomicFile.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
