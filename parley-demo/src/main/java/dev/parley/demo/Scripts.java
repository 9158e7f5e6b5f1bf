package dev.parley.demo;

import java.util.List;

/** The conversations the demo plays: the spec's own examples and their neighbours. */
final class Scripts {
  /** One exchange: what the customer asks, and what the copilot answers and does. */
  record Turn(String question, String answer, Tool tool, Media media, String component) {}

  record Tool(String type, String action) {}

  record Media(String type, String subType) {}

  /** A topic: its turns, and the outcome it may lead to. */
  record Script(String topic, List<Turn> turns, String outcome) {}

  static final List<Script> ALL = List.of(
      new Script("stocks", List.of(
          new Turn("What's the best stock in the Nasdaq right now?",
              "Thank you for reaching out. How can I assist you today? I can show how the Nasdaq's largest stocks moved this week.",
              new Tool("Market Data", "get quotes"), null, "Stock Price Chart"),
          new Turn("Show me how NVDA did over the last month.",
              "Here is NVDA's price over the last 30 days, with volume underneath.",
              new Tool("Market Data", "get price history"), new Media("image", "png"), "Stock Price Chart"),
          new Turn("Set an alert if it drops 5%.",
              "Done: you'll get an alert when NVDA falls 5% below today's close.",
              new Tool("Alerts", "create price alert"), null, null)),
          "Alert Created"),
      new Script("inventory", List.of(
          new Turn("Do you have the Super Widget in stock?",
              "Let me check our warehouses for the Super Widget.",
              new Tool("Inventory Request", "check stock level"), null, "Product Card"),
          new Turn("Great, can I get two by Friday?",
              "Yes: two are in the Leeds warehouse and can arrive Thursday with express shipping.",
              new Tool("Shipping", "quote delivery"), null, "Checkout Button")),
          "Item Purchased"),
      new Script("celebration", List.of(
          new Turn("Make me a fun GIF to celebrate our launch",
              "Here's a confetti GIF with your logo in the middle.",
              null, new Media("image", "gif"), null),
          new Turn("Can you make a short jingle too?",
              "Here is a 10-second jingle to go with it.",
              null, new Media("audio", "wav"), null)),
          null),
      new Script("billing", List.of(
          new Turn("Why was I charged twice this month?",
              "I see two charges on the 3rd; one is a pending authorisation that will drop off within 5 days.",
              new Tool("Billing", "look up invoices"), null, "Invoice Table"),
          new Turn("I still want to talk to someone.",
              "I've opened a ticket and a billing specialist will reply by email within a day.",
              new Tool("Support", "create ticket"), null, null)),
          "Support Ticket Created"),
      new Script("onboarding", List.of(
          new Turn("How do I invite my team?",
              "Open Settings, then Members, and choose Invite. You can paste several emails at once.",
              null, null, "Settings Shortcut"),
          new Turn("And how do I give someone admin rights?",
              "In Members, open the person's menu and choose Make admin.",
              null, null, null)),
          "Team Member Invited"),
      new Script("travel", List.of(
          new Turn("Find me a hotel in Lisbon for next weekend under 150 euros",
              "Here are three hotels in Lisbon under 150 euros a night for next weekend.",
              new Tool("Travel Search", "search hotels"), new Media("image", "jpeg"), "Hotel Carousel"),
          new Turn("Book the second one",
              "Booked: Casa do Rio, Friday to Sunday, 138 euros a night.",
              new Tool("Travel Booking", "book hotel"), null, "Booking Confirmation")),
          "Hotel Booked"));

  private Scripts() {}
}
