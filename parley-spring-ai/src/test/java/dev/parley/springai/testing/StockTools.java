package dev.parley.springai.testing;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/** A tool that answers. */
public final class StockTools {
  @Tool(description = "Looks up the price of a stock")
  public String stockPrice(@ToolParam(description = "the stock's ticker") String ticker) {
    return "42";
  }
}
