package dev.parley.demo;

import java.util.List;

/** The conversations the demo plays: the spec's own examples and their neighbours. */
final class Scripts {
  /** One exchange: what the customer asks, and what the copilot answers and does. */
  record Turn(String question, String answer, Tool tool, Media media, String component) {}

  record Tool(String type, String action) {}

  record Media(String type, String subType) {}

  /** A topic: its turns, and the outcome it may lead to. */
  record Script(String topic, List<Turn> turns, String outcome) {
    /** Other ways people open this topic: the first question varies as it does in real traffic. */
    List<String> openings() {
      return OPENINGS.getOrDefault(topic, List.of());
    }
  }

  /** By topic, first questions besides the script's own. */
  static final java.util.Map<String, List<String>> OPENINGS = java.util.Map.of(
      "stocks", List.of("Which tech stocks are doing well today?", "How is the Nasdaq doing this morning?",
          "Is Apple stock a good buy at this price?", "What moved the market today?",
          "Give me a quick update on my watchlist stocks", "Which semiconductor stocks are up this week?",
          "how did the S&P 500 close yesterday", "Compare Microsoft and Google shares over the past year"),
      "inventory", List.of("Is the Super Widget available?", "Do you still sell the Mega Widget in blue?",
          "When will the Super Widget be back in stock?", "How many widgets do you have left?",
          "can i order 3 super widgets today", "Is the small widget sold out everywhere?",
          "Check if the Widget Pro is in stock near Leeds", "Do you have any widgets left in the warehouse?"),
      "celebration", List.of("Create a GIF for my team's birthday party", "Make a celebration animation for our launch",
          "I need a party GIF with balloons", "Can you generate a fun confetti animation?",
          "Make a GIF to congratulate Sam on the promotion", "design a festive gif for our anniversary",
          "Create a funny animated GIF for the new year", "Generate a launch-day celebration image"),
      "billing", List.of("I was billed twice, can you fix it?", "Why is my invoice higher than last month?",
          "There's a charge on my card I don't recognise", "Can I get a copy of my last invoice?",
          "my card was charged two times for one subscription", "How do I update the card you bill?",
          "Why did my bill go up?", "I think I was overcharged this month"),
      "onboarding", List.of("How can I add my colleagues to the workspace?", "Where do I invite new team members?",
          "How do I add users to my account?", "Can I invite people by email?", "how to add a teammate",
          "What's the way to bring my whole team in?", "How do I set up accounts for my coworkers?",
          "Add my team to this workspace please"),
      "travel", List.of("Find a cheap hotel in Porto for Saturday", "I need a hotel in Madrid next week",
          "Book me a room in Lisbon near the river", "Any good hotels in Barcelona under 120 euros?",
          "looking for a hotel in paris this weekend", "Find accommodation in Lisbon for two nights",
          "Which hotels in Seville have free breakfast?", "Search for a hotel room in Rome for Friday"));

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
