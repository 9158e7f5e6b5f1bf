package dev.parley.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws panels of grouped bar charts side by side into one image, with the JDK only (headless AWT).
 * Each panel has the same groups (such as thread counts) and series (such as clients);
 * every bar is labelled with its value. Not thread-safe; draw, then discard.
 */
final class PanelBarChart {
  /** One panel: a title, a unit, and {@code values[group][series]}. */
  record Panel(String title, String unit, double[][] values) {}

  static final Color[] COLORS = {new Color(0x2E7D6B), new Color(0x9AA5B1)};
  private static final int PANEL_WIDTH = 520;
  private static final int HEIGHT = 460;
  private static final int TOP = 90;
  private static final int BOTTOM = 70;
  private static final int LEFT = 60;

  private PanelBarChart() {}

  static BufferedImage draw(String title, List<String> groups, List<String> series, List<Panel> panels) {
    int width = PANEL_WIDTH * panels.size();
    BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    g.drawString(title, 20, 28);
    legend(g, series, 20, 52);
    for (int i = 0; i < panels.size(); i++) {
      panel(g, panels.get(i), groups, i * PANEL_WIDTH);
    }
    g.dispose();
    return image;
  }

  private static void legend(Graphics2D g, List<String> series, int x, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int s = 0; s < series.size(); s++) {
      g.setColor(COLORS[s % COLORS.length]);
      g.fillRect(x, y - 11, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(series.get(s), x + 20, y);
      x += 30 + g.getFontMetrics().stringWidth(series.get(s));
    }
  }

  private static void panel(Graphics2D g, Panel panel, List<String> groups, int x0) {
    double max = 0;
    for (double[] group : panel.values()) {
      for (double v : group) {
        max = Math.max(max, v);
      }
    }
    max = max <= 0 ? 1 : max * 1.15;
    int plotLeft = x0 + LEFT;
    int plotRight = x0 + PANEL_WIDTH - 20;
    int plotBottom = HEIGHT - BOTTOM;
    int plotHeight = plotBottom - TOP;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(panel.title(), plotLeft, TOP - 14);
    g.setStroke(new BasicStroke(1));
    g.drawLine(plotLeft, plotBottom, plotRight, plotBottom);
    g.drawLine(plotLeft, TOP, plotLeft, plotBottom);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(panel.unit(), x0 + 8, TOP - 2);

    int groupWidth = (plotRight - plotLeft) / groups.size();
    int series = panel.values()[0].length;
    int barWidth = Math.min(60, (groupWidth - 30) / series);
    for (int gi = 0; gi < groups.size(); gi++) {
      int groupLeft = plotLeft + gi * groupWidth + (groupWidth - barWidth * series) / 2;
      for (int s = 0; s < series; s++) {
        double v = panel.values()[gi][s];
        int h = (int) Math.round(plotHeight * v / max);
        int x = groupLeft + s * barWidth;
        g.setColor(COLORS[s % COLORS.length]);
        g.fillRect(x + 2, plotBottom - h, barWidth - 4, h);
        g.setColor(Color.BLACK);
        centered(g, format(v), x + barWidth / 2, plotBottom - h - 5);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      centered(g, groups.get(gi), plotLeft + gi * groupWidth + groupWidth / 2, plotBottom + 20);
      double ratio = panel.values()[gi][0] / panel.values()[gi][1];
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      centered(g, String.format("%.2fx", ratio), plotLeft + gi * groupWidth + groupWidth / 2, plotBottom + 40);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
  }

  private static void centered(Graphics2D g, String text, int x, int y) {
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(text, x - metrics.stringWidth(text) / 2, y);
  }

  private static String format(double v) {
    return v >= 10_000 ? String.format("%,.0f", v) : v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
  }
}
