package org.qtune.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * PNG plots of a run for people who would rather look than read, drawn with the JDK's Java2D
 * (headless) and written atomically: a line of points (a loss against the step) and bars (a
 * probability per value). 800 x 500 pixels, axes with their extreme values, the title on top.
 */
public final class Plots {
    static final int W = 800;
    static final int H = 500;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private Plots() {
    }

    /** Points (x, y) joined by a line, in the order given. */
    public static void line(Path png, String title, String xLabel, String yLabel, List<double[]> points)
            throws IOException {
        Canvas c = new Canvas(title, xLabel, yLabel);
        if (!points.isEmpty()) {
            double x0 = points.get(0)[0], x1 = points.get(points.size() - 1)[0];
            double y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
            for (double[] p : points) {
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
            c.axes(x0, x1 == x0 ? x0 + 1 : x1, y0, y1 == y0 ? y0 + 1 : y1, true);
            c.g.setColor(new Color(0, 90, 180));
            c.g.setStroke(new BasicStroke(2f));
            int px = -1, py = -1;
            for (double[] p : points) {
                int x = c.x(p[0]), y = c.y(p[1]);
                if (px >= 0) {
                    c.g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        c.write(png);
    }

    /** One bar per value: {@code heights[i]} at {@code values[i]} (values ascending), from 0 up. */
    public static void bars(Path png, String title, String xLabel, String yLabel, double[] values, double[] heights)
            throws IOException {
        if (values.length != heights.length) {
            throw new IllegalArgumentException(values.length + " values but " + heights.length + " heights");
        }
        Canvas c = new Canvas(title, xLabel, yLabel);
        if (values.length > 0) {
            double top = 0;
            for (double h : heights) {
                top = Math.max(top, h);
            }
            double x0 = values[0], x1 = values[values.length - 1];
            double pad = values.length > 1 ? (x1 - x0) / (values.length - 1) / 2 : 0.5;
            // each bar carries its value below the axis (up to 40 bars), so no extremes are printed there
            c.axes(x0 - pad, x1 + pad, 0, top > 0 ? top : 1, values.length > 40);
            int width = Math.max(2, (int) ((W - LEFT - RIGHT) / (double) values.length * 0.8));
            c.g.setColor(new Color(0, 90, 180));
            for (int i = 0; i < values.length; i++) {
                int x = c.x(values[i]), y = c.y(heights[i]);
                c.g.fillRect(x - width / 2, y, width, c.y(0) - y);
            }
            c.g.setColor(Color.BLACK);
            if (values.length <= 40) {
                for (double v : values) {
                    String label = String.format(Locale.ROOT, "%.4g", v);
                    c.g.drawString(label, c.x(v) - 4 * label.length(), H - BOTTOM + 20);
                }
            }
        }
        c.write(png);
    }

    /** A white image with the title and both axes, and the mapping from data to pixels once set. */
    private static final class Canvas {
        final BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g;
        double x0;
        double x1;
        double y0;
        double y1;

        Canvas(String title, String xLabel, String yLabel) {
            System.setProperty("java.awt.headless", "true");
            g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(title, LEFT, 30);
            g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
            g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
            g.drawString(xLabel, W / 2, H - 8);
            g.drawString(yLabel, LEFT + 8, TOP + 5);
        }

        void axes(double xFrom, double xTo, double yFrom, double yTo, boolean xExtremes) {
            x0 = xFrom;
            x1 = xTo;
            y0 = yFrom;
            y1 = yTo;
            g.drawString(String.format(Locale.ROOT, "%.6g", y1), 5, TOP + 5);
            g.drawString(String.format(Locale.ROOT, "%.6g", y0), 5, H - BOTTOM);
            if (xExtremes) {
                g.drawString(String.format(Locale.ROOT, "%.6g", x0), LEFT, H - BOTTOM + 20);
                g.drawString(String.format(Locale.ROOT, "%.6g", x1), W - RIGHT - 60, H - BOTTOM + 20);
            }
        }

        int x(double v) {
            return LEFT + (int) Math.round((v - x0) / (x1 - x0) * (W - LEFT - RIGHT));
        }

        int y(double v) {
            return H - BOTTOM - (int) Math.round((v - y0) / (y1 - y0) * (H - TOP - BOTTOM));
        }

        void write(Path png) throws IOException {
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            AtomicFiles.write(png, bytes.toByteArray());
        }
    }
}
