package dev.parley.bench.topics;

import dev.parley.server.topics.MiniLmEmbedder;
import dev.parley.server.topics.TopicModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What topics cost: first messages embedded per second by the model in the server (batches
 * of 32, as the worker embeds), and the time and peak heap of computing topics over
 * {@code --conversations} conversations (default 100,000). Their vectors are the embeddings
 * of 2,000 distinct questions about twelve intents, each repeated with a little noise, so the
 * clustering meets real embedding geometry at full size. Run it with the heap the server
 * would have, e.g. {@code BENCH_JAVA_OPTS=-Xmx512m}.
 *
 * <pre>BENCH_JAVA_OPTS=-Xmx512m parley-bench/run --main dev.parley.bench.topics.TopicsBenchmark</pre>
 */
public final class TopicsBenchmark {
  private static final String[][] INTENTS = {
      {"I want a refund for", "Can I get my money back for", "Please refund", "How do I return", "Refund"},
      {"Where is", "When will I receive", "Track", "Has anyone shipped", "Delivery status of"},
      {"I can't log in to", "Reset the password of", "I'm locked out of", "Forgot the password for", "2FA fails on"},
      {"Why was I charged twice for", "Send me the invoice for", "Update the card billed for", "VAT on",
          "Billing question about"},
      {"What size should I get in", "Does this run small:", "Size chart for", "Is a medium right in", "Fit of"},
      {"Cancel my subscription to", "Stop the auto-renewal of", "End my membership of", "How do I cancel",
          "Unsubscribe me from"},
      {"My API key fails for", "Webhook not firing for", "Rate limit hit on", "SDK error calling",
          "REST endpoint docs for"},
      {"Redeem a gift card on", "Gift card balance for", "Buy a gift card for", "Gift card code rejected for",
          "Send a gift card for"},
      {"Opening hours of", "Is the store open Sunday for", "Holiday hours of", "Nearest store with",
          "When does the shop close for"},
      {"Compare prices of", "Is there a discount on", "Any coupon for", "Price match on", "Sale price of"},
      {"Write a product review of", "How do I rate", "Leave feedback on", "Edit my review of", "Delete my review of"},
      {"Recommend something like", "What goes well with", "Gift ideas similar to", "Alternatives to",
          "Best seller like"}};
  private static final String[] OBJECTS = {"my order", "the blue jacket", "order 4821", "the headphones",
      "my account", "the app", "the Trailrunner shoes", "a lamp", "the espresso machine", "my plan",
      "the kids' backpack", "the shop", "the website", "my last purchase", "the smart watch", "the sofa",
      "the winter coat", "the yoga mat", "a phone case", "the Leeds store", "the premium tier", "the gaming chair",
      "the rain boots", "the coffee beans", "the desk lamp", "my subscription", "the bike helmet", "the sunglasses",
      "the travel mug", "the throw pillow", "the laptop bag", "the dining table", "the running socks",
      "the garden hose"};

  private TopicsBenchmark() {}

  public static void main(String[] args) {
    int conversations = 100_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--conversations")) {
        conversations = Integer.parseInt(args[++i]);
      }
    }
    List<String> texts = new ArrayList<>();
    for (String[] intent : INTENTS) {
      for (String opener : intent) {
        for (String object : OBJECTS) {
          texts.add(opener + " " + object + "?");
        }
      }
    }
    texts = texts.subList(0, Math.min(2000, texts.size()));
    List<float[]> vectors = null;
    // The server's session (one thread per inference) against ONNX Runtime's default (one per core).
    for (int threads : new int[] {1, 0}) {
      MiniLmEmbedder embedder = new MiniLmEmbedder(threads);
      embedder.embed(texts.subList(0, 64)); // load the model, warm the JIT
      List<float[]> embedded = new ArrayList<>();
      long cpuBefore = processCpuNanos();
      long started = System.nanoTime();
      for (int from = 0; from < texts.size(); from += 32) {
        embedded.addAll(embedder.embed(texts.subList(from, Math.min(texts.size(), from + 32))));
      }
      long wall = System.nanoTime() - started;
      double cores = (processCpuNanos() - cpuBefore) / (double) wall;
      System.out.printf(Locale.ROOT, "embedded %d first messages, %s: %.2f s, %.0f per second, %.2f cores busy%n",
          texts.size(), threads == 0 ? "ONNX Runtime's default threads" : threads + " thread per inference",
          wall / 1e9, texts.size() / (wall / 1e9), cores);
      if (vectors == null) {
        vectors = embedded;
      }
    }

    Random random = new Random(1);
    List<TopicModel.Doc> docs = new ArrayList<>(conversations);
    for (int i = 0; i < conversations; i++) {
      int base = i % vectors.size();
      float[] v = vectors.get(base).clone();
      double norm = 0;
      for (int j = 0; j < v.length; j++) {
        v[j] += (float) (random.nextGaussian() * 0.02);
        norm += v[j] * v[j];
      }
      float scale = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < v.length; j++) {
        v[j] *= scale;
      }
      docs.add(new TopicModel.Doc("c" + i, v, texts.get(base)));
    }
    vectors = null;
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long heapBefore = heapUsed();
    long started = System.nanoTime();
    TopicModel.Computed computed = TopicModel.compute(docs, java.util.Map.of(), 1, 42);
    double seconds = (System.nanoTime() - started) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "topics over %,d conversations: %d topics (silhouette %.3f) in %.1f s;"
        + " heap %.0f MB before, peak %.0f MB (max heap %.0f MB)%n", conversations, computed.topics().size(),
        computed.silhouette(), seconds, heapBefore / 1e6, peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    computed.topics().forEach(t -> System.out.println("  " + t.id() + " " + t.size() + " " + t.keywords()));
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
