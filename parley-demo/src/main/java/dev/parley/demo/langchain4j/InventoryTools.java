package dev.parley.demo.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/** The tool the scripted copilot calls: a stock check that answers from the item's name. */
public final class InventoryTools {
  @Tool("Checks how many of an item are in stock")
  public int checkStock(@P(name = "item", value = "the item's name") String item) {
    return 3 + Math.floorMod(item.hashCode(), 40);
  }
}
