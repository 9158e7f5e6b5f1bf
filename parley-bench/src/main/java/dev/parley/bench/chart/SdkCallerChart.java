package dev.parley.bench.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Turns {@code SdkCallerBenchmark}'s JSON result into the chart in {@code docs/img/} and
 * prints the Markdown table for {@code docs/BENCHMARKS.md}: time and bytes per call for
 * Parley and analytics-java at each thread count, with the ratio Parley / analytics-java.
 *
 * <pre>parley-bench/run --main dev.parley.bench.chart.SdkCallerChart target/sdk-caller.json docs/img/sdk-caller.png</pre>
 */
public final class SdkCallerChart {
  private static final List<String> SERIES = List.of("Parley 0.1", "analytics-java 3.5.4");

  private SdkCallerChart() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SdkCallerChart RESULT.json|CONSOLE.log CHART.png");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    // threads -> [parley, segment]
    Map<Integer, JmhResult[]> byThreads = new TreeMap<>();
    Path input = Path.of(args[0]);
    List<JmhResult> results = input.toString().endsWith(".json") ? JmhResult.read(input) : JmhResult.readText(input);
    for (JmhResult result : results) {
      int series = result.benchmark().endsWith("parley") ? 0 : result.benchmark().endsWith("segment") ? 1 : -1;
      if (series >= 0) {
        byThreads.computeIfAbsent(result.threads(), t -> new JmhResult[2])[series] = result;
      }
    }
    List<String> groups = new ArrayList<>();
    List<double[]> nanos = new ArrayList<>();
    List<double[]> callerBytes = new ArrayList<>();
    List<double[]> allBytes = new ArrayList<>();
    System.out.println("| caller threads | Parley ns/call | analytics-java ns/call | time ratio "
        + "| Parley B/call (caller) | analytics-java B/call (caller) | bytes ratio "
        + "| Parley B/call (whole JVM) | analytics-java B/call (whole JVM) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<Integer, JmhResult[]> entry : byThreads.entrySet()) {
      JmhResult parley = entry.getValue()[0];
      JmhResult segment = entry.getValue()[1];
      if (parley == null || segment == null) {
        continue;
      }
      groups.add(entry.getKey() + (entry.getKey() == 1 ? " thread" : " threads"));
      nanos.add(new double[] {parley.score(), segment.score()});
      callerBytes.add(new double[] {callerBytesPerCall(parley), callerBytesPerCall(segment)});
      allBytes.add(new double[] {
          parley.secondary("gc.alloc.rate.norm").orElse(Double.NaN),
          segment.secondary("gc.alloc.rate.norm").orElse(Double.NaN)});
      double[] n = nanos.get(nanos.size() - 1);
      double[] b = callerBytes.get(callerBytes.size() - 1);
      double[] a = allBytes.get(allBytes.size() - 1);
      System.out.println(String.format(Locale.ROOT,
          "| %d | %,.0f ± %,.0f | %,.0f ± %,.0f | %.2f | %,.0f | %,.0f | %.2f | %,.0f | %,.0f |",
          entry.getKey(), n[0], parley.error(), n[1], segment.error(), n[0] / n[1], b[0], b[1], b[0] / b[1], a[0], a[1]));
    }
    List<PanelBarChart.Panel> panels = new ArrayList<>();
    panels.add(new PanelBarChart.Panel("Time per call (avg, per caller thread)", "ns", nanos.toArray(double[][]::new)));
    panels.add(new PanelBarChart.Panel("Allocated per call on the caller thread", "bytes", callerBytes.toArray(double[][]::new)));
    if (allBytes.stream().noneMatch(v -> Double.isNaN(v[0]) || Double.isNaN(v[1]))) {
      panels.add(new PanelBarChart.Panel("Allocated per call, whole JVM (-prof gc)", "bytes", allBytes.toArray(double[][]::new)));
    }
    BufferedImage chart = PanelBarChart.draw(
        "SDK caller cost: one Message Sent (lower is better; under each group: Parley / analytics-java)",
        groups, SERIES, panels);
    Path out = Path.of(args[1]);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    ImageIO.write(chart, "png", out.toFile());
    System.out.println("\nchart: " + out);
  }

  /** Both counters are summed over threads and iterations alike, so their ratio is per call. */
  private static double callerBytesPerCall(JmhResult result) {
    double calls = result.secondary("calls").orElse(Double.NaN);
    return result.secondary("callerBytes").orElse(Double.NaN) / calls;
  }
}
