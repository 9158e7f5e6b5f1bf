package dev.parley.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart written as a PNG, headless (no display needed): one group per
 * category, one bar per series, each bar labelled with its value. Used by the benchmarks
 * to draw their own figures for docs/img.
 */
public final class BarChart {
  private static final Color[] COLORS = {new Color(0x9AA5B1), new Color(0x2F6FDE), new Color(0x1E9E6A),
      new Color(0xD9822B), new Color(0x8E5BD0), new Color(0xC8463D)};
  private static final int LEGEND_ROW = 22;

  /** One series: a name and a value per category. */
  public record Series(String name, List<Double> values) {}

  private BarChart() {}

  /** Draws {@code series} over {@code categories} into {@code file} (PNG). */
  public static void write(Path file, String title, String unit, List<String> categories, List<Series> series)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int width = 900;
    int height = 480;
    int left = 90;
    int right = 30;
    int top = 60;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int legendRows = legendRows(g, series, left, width - right);
    int bottom = 50 + LEGEND_ROW * legendRows;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double max = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
    max = max <= 0 ? 1 : max * 1.15;
    int plotH = height - top - bottom;
    int plotW = width - left - right;
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString(title, left, 32);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      int y = top + plotH - plotH * i / 5;
      g.setColor(new Color(0xE4E7EB));
      g.drawLine(left, y, width - right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(format(max * i / 5), 8, y + 4);
    }
    g.drawString(unit, 8, top - 12);
    int groupW = plotW / Math.max(1, categories.size());
    int barW = Math.max(6, (groupW - 30) / Math.max(1, series.size()));
    for (int c = 0; c < categories.size(); c++) {
      int x0 = left + c * groupW + 15;
      for (int s = 0; s < series.size(); s++) {
        double v = series.get(s).values().get(c);
        int h = (int) (plotH * v / max);
        int x = x0 + s * barW;
        g.setColor(COLORS[s % COLORS.length]);
        g.fillRect(x, top + plotH - h, barW - 4, h);
        g.setColor(Color.DARK_GRAY);
        g.drawString(format(v), x, top + plotH - h - 4);
      }
      g.drawString(categories.get(c), x0, top + plotH + 20);
    }
    g.setStroke(new BasicStroke(1));
    g.drawLine(left, top + plotH, width - right, top + plotH);
    int lx = left;
    int ly = height - 8 - LEGEND_ROW * legendRows;
    for (int s = 0; s < series.size(); s++) {
      int w = legendWidth(g, series.get(s));
      if (lx > left && lx + w > width - right) {
        lx = left;
        ly += LEGEND_ROW;
      }
      g.setColor(COLORS[s % COLORS.length]);
      g.fillRect(lx, ly, 14, 14);
      g.setColor(Color.DARK_GRAY);
      g.drawString(series.get(s).name(), lx + 20, ly + 12);
      lx += w;
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  /** How many rows the legend takes when its entries wrap between {@code from} and {@code to}. */
  private static int legendRows(Graphics2D g, List<Series> series, int from, int to) {
    int rows = 1;
    int x = from;
    for (Series one : series) {
      int w = legendWidth(g, one);
      if (x > from && x + w > to) {
        rows++;
        x = from;
      }
      x += w;
    }
    return rows;
  }

  private static int legendWidth(Graphics2D g, Series series) {
    return 30 + g.getFontMetrics().stringWidth(series.name());
  }

  private static String format(double v) {
    if (v >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
