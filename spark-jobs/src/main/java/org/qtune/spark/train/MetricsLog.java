package org.qtune.spark.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Per-step metrics of an optimizer loop on the driver's disk: one JSON object per line (step,
 * objective, gradient norm, seconds for the step and for its evaluations, the seconds of Spark
 * overhead in those evaluations and their share of the step), flushed every step so a
 * crash loses nothing already logged, appended to on resume; and at the end a PNG plot of the
 * objective against the step, written atomically (temporary file, then rename).
 */
public final class MetricsLog implements AutoCloseable {
    private final Path jsonl;
    private final BufferedWriter out;
    private final List<double[]> points = new ArrayList<>();

    public MetricsLog(Path jsonl) throws IOException {
        this.jsonl = jsonl;
        Path dir = jsonl.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public void step(int step, double objective, double gradientNorm, double seconds, double evaluationSeconds,
                     double sparkOverheadSeconds) throws IOException {
        out.write(String.format(java.util.Locale.ROOT,
                "{\"step\": %d, \"objective\": %s, \"gradient_norm\": %s, \"seconds\": %.6f, \"evaluation_seconds\": %.6f, "
                        + "\"spark_overhead_seconds\": %.6f, \"spark_overhead_share\": %.4f}%n",
                step, number(objective), number(gradientNorm), seconds, evaluationSeconds, sparkOverheadSeconds,
                seconds > 0 ? Math.min(1, sparkOverheadSeconds / seconds) : 0));
        out.flush();
        points.add(new double[] {step, objective});
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /** Plots the objective of the steps logged by this object to {@code png}. */
    public void plot(Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 800, h = 500, left = 90, right = 30, top = 50, bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, left, 30);
        g.drawLine(left, h - bottom, w - right, h - bottom);
        g.drawLine(left, top, left, h - bottom);
        g.drawString("step", w / 2, h - 20);
        if (!points.isEmpty()) {
            double x0 = points.get(0)[0], x1 = points.get(points.size() - 1)[0];
            double y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
            for (double[] p : points) {
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
            if (x1 == x0) {
                x1 = x0 + 1;
            }
            if (y1 == y0) {
                y1 = y0 + 1;
            }
            g.drawString(String.format("%.6g", y1), 5, top + 5);
            g.drawString(String.format("%.6g", y0), 5, h - bottom);
            g.drawString(String.format("%.0f", x0), left, h - bottom + 20);
            g.drawString(String.format("%.0f", x1), w - right - 30, h - bottom + 20);
            g.setColor(new Color(0, 90, 180));
            g.setStroke(new BasicStroke(2f));
            int px = -1, py = -1;
            for (double[] p : points) {
                int x = left + (int) Math.round((p[0] - x0) / (x1 - x0) * (w - left - right));
                int y = h - bottom - (int) Math.round((p[1] - y0) / (y1 - y0) * (h - top - bottom));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        org.qtune.io.AtomicFiles.write(png, bytes.toByteArray());
    }

    public Path path() {
        return jsonl;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
