package dev.parley.langchain4j.testing;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** A tool that answers, or (when broken) throws. */
public final class StockTools {
  private final boolean broken;

  public StockTools(boolean broken) {
    this.broken = broken;
  }

  @Tool("Looks up the price of a stock")
  public String stockPrice(@P(name = "ticker", value = "the stock's ticker") String ticker) {
    if (broken) {
      throw new IllegalStateException("price service down");
    }
    return "42";
  }
}
