package org.qtune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG plots read back: their size, and the bars drawn where their values say. */
class PlotsTest {
    @TempDir
    Path tmp;

    static boolean blue(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return b > 150 && r < 60 && g < 130;
    }

    @Test
    void barsStandWhereTheirValuesAreAndAsHighAsTheirHeights() throws Exception {
        Path png = tmp.resolve("bars.png");
        Plots.bars(png, "t", "value", "probability", new double[] {1, 2, 3}, new double[] {0.25, 1.0, 0});
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Plots.W, img.getWidth());
        assertEquals(Plots.H, img.getHeight());
        // the middle bar (height 1, the top) reaches the top of the plot area; the last (0) draws nothing
        int mid = Plots.W / 2 + 30;
        assertTrue(blue(img.getRGB(mid, 60)), "the tallest bar reaches the top");
        int lowBluePixels = 0;
        for (int y = 55; y < Plots.H - 70; y++) {
            lowBluePixels += blue(img.getRGB(Plots.W - 60, y)) ? 1 : 0;
        }
        assertEquals(0, lowBluePixels, "a bar of height 0 is not drawn");
        assertThrows(IllegalArgumentException.class,
                () -> Plots.bars(tmp.resolve("x.png"), "t", "x", "y", new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void aLineIsDrawnAndAnEmptySeriesStillWritesAFrame() throws Exception {
        Path png = tmp.resolve("line.png");
        Plots.line(png, "loss", "step", "loss", List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1}));
        BufferedImage img = ImageIO.read(png.toFile());
        int blue = 0;
        for (int x = 0; x < img.getWidth(); x += 4) {
            for (int y = 0; y < img.getHeight(); y += 4) {
                blue += blue(img.getRGB(x, y)) ? 1 : 0;
            }
        }
        assertTrue(blue > 20, "the line is drawn: " + blue);
        Plots.line(tmp.resolve("empty.png"), "loss", "step", "loss", List.of());
        assertEquals(Plots.W, ImageIO.read(tmp.resolve("empty.png").toFile()).getWidth());
    }
}
