package dev.parley.demo;

import dev.parley.demo.langchain4j.ScriptedCopilotModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The models the demo's copilot runs on: a cheap one whose conversations reach an outcome less
 * often, are abandoned more and are rated lower, and a dearer one that does better. The price
 * table the demo's server reads is written from the same figures, with a price for the
 * LangChain4j copilot's scripted model too. Immutable; thread-safe.
 */
final class DemoModels {
  /** The demo server's price table, in the demo's data directory. */
  static final String PRICE_FILE = "prices.yml";

  /**
   * One model and how its conversations go.
   *
   * @param name sent as {@code model}
   * @param inputPerMillion the price of a million input tokens, in USD
   * @param outputPerMillion the price of a million output tokens, in USD
   * @param share the fraction of conversations played on it
   * @param outcomeRate the chance that a conversation whose topic has an outcome reaches it
   * @param abandonRate the chance that a conversation is abandoned (no outcome, no end)
   * @param ratingSkew added to the draw of a rating: above 0 rates lower, below 0 higher
   * @param extraOutputTokens at most this many tokens beyond the answer's own text (preamble, markup)
   */
  record Model(String name, double inputPerMillion, double outputPerMillion, double share, double outcomeRate,
      double abandonRate, double ratingSkew, int extraOutputTokens) {}

  static final Model MINI = new Model("copilot-mini", 0.15, 0.60, 0.6, 0.30, 0.18, 0.15, 40);
  static final Model LARGE = new Model("copilot-large", 2.50, 10.00, 0.4, 0.62, 0.06, -0.15, 120);
  static final List<Model> ALL = List.of(MINI, LARGE);
  /** What the LangChain4j copilot's scripted model costs per million input tokens, in USD. */
  private static final double SCRIPTED_INPUT_PER_MILLION = 0.50;
  /** What it costs per million output tokens, in USD. */
  private static final double SCRIPTED_OUTPUT_PER_MILLION = 1.50;

  private DemoModels() {}

  /** The model of the next conversation, drawn by share. */
  static Model pick(Random random) {
    return random.nextDouble() < MINI.share() ? MINI : LARGE;
  }

  /** Writes the price table of every model the demo plays into {@code dir}; returns the file. */
  static Path writePriceTable(Path dir) throws IOException {
    StringBuilder yaml = new StringBuilder("# Prices per million tokens of the models the demo plays.\n")
        .append("currency: USD\nprices:\n");
    for (Model model : ALL) {
      price(yaml, model.name(), model.inputPerMillion(), model.outputPerMillion());
    }
    price(yaml, ScriptedCopilotModel.MODEL_NAME, SCRIPTED_INPUT_PER_MILLION, SCRIPTED_OUTPUT_PER_MILLION);
    return Files.writeString(dir.resolve(PRICE_FILE), yaml);
  }

  private static void price(StringBuilder yaml, String model, double input, double output) {
    yaml.append("  ").append(model).append(": {input: ").append(input).append(", output: ").append(output)
        .append("}\n");
  }
}
