package dev.parley.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.demo.DemoModels.Model;
import dev.parley.demo.Scripts.Script;
import dev.parley.demo.Scripts.Turn;
import dev.parley.sdk.Conversation;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.sdk.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * Plays realistic copilot conversations through the SDK: a backfill of history with
 * backdated timestamps, then live conversations. Some are abandoned, some end in an
 * outcome, and a few break the spec so the data-quality page has something to show.
 * Each conversation runs on one of the {@link DemoModels}, whose replies (and the model calls
 * that chose a tool) carry their tokens; how often it is abandoned, reaches its outcome and is
 * rated well depends on the model. Not thread-safe: one thread plays.
 */
final class DemoTraffic {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Tokens of the copilot's instructions, read by every model call. */
  private static final int SYSTEM_PROMPT_TOKENS = 850;

  private final CopilotAnalytics analytics;
  private final OffSpecSender offSpec;
  private final DemoClock clock;
  private final Random random;
  private Instant at;
  private boolean live;

  DemoTraffic(CopilotAnalytics analytics, OffSpecSender offSpec, DemoClock clock, long seed) {
    this.analytics = analytics;
    this.offSpec = offSpec;
    this.clock = clock;
    this.random = new Random(seed);
  }

  /** Plays {@code users} users' conversations spread over the days before {@code now}; returns how many. */
  int backfill(int users, int days, Instant now) throws InterruptedException {
    live = false;
    Instant start = now.minus(Duration.ofDays(days));
    long span = Duration.ofDays(days).minusHours(2).toSeconds();
    int conversations = 0;
    for (int user = 0; user < users; user++) {
      Identity identity = identify(user, start.plusSeconds((long) (random.nextDouble() * span / 2)));
      int count = 1 + random.nextInt(3);
      for (int c = 0; c < count; c++) {
        at = start.plusSeconds((long) (random.nextDouble() * span));
        clock.set(at);
        play(identity);
        conversations++;
      }
    }
    clock.release();
    return conversations;
  }

  /** Plays one conversation in real time, pausing between turns as a person would. */
  void playLive(int user) throws InterruptedException {
    live = true;
    clock.release();
    play(identify(user, null));
  }

  private Identity identify(int user, Instant when) {
    if (when != null) {
      clock.set(when);
    }
    Map<String, String> traits = Map.of("plan", plan(user), "company", "Company " + (user % 17));
    if (user % 5 == 0) {
      // Anonymous first, then signed in: the identify that links both ids makes them one user.
      analytics.identify(Identity.anonymousId("anon-" + user), Map.of("plan", "free"));
      Identity known = Identity.of("user-" + user, "anon-" + user);
      analytics.identify(known, traits);
      return known;
    }
    Identity identity = Identity.userId("user-" + user);
    analytics.identify(identity, traits);
    return identity;
  }

  private static String plan(int user) {
    return switch (user % 4) {
      case 0 -> "enterprise";
      case 1, 2 -> "pro";
      default -> "free";
    };
  }

  private void play(Identity identity) throws InterruptedException {
    Script script = Scripts.ALL.get(random.nextInt(Scripts.ALL.size()));
    Model model = DemoModels.pick(random);
    Conversation chat = analytics.startConversation(identity);
    int turns = 1 + random.nextInt(script.turns().size());
    String reply = null;
    long history = 0; // tokens of the earlier turns, which every model call reads again
    for (int t = 0; t < turns; t++) {
      Turn turn = script.turns().get(t);
      pause(2_000 + random.nextInt(15_000));
      String question = turn.question();
      if (t == 0 && !script.openings().isEmpty() && random.nextInt(3) > 0) {
        question = script.openings().get(random.nextInt(script.openings().size()));
      }
      chat.messageSent(question);
      long asked = SYSTEM_PROMPT_TOKENS + history + tokens(question);
      Usage toolCall = null;
      long toolResult = 0;
      if (turn.tool() != null) {
        toolCall = Usage.of(model.name(), asked, 15 + random.nextInt(30));
        toolResult = 120 + random.nextInt(480);
      }
      pause(400 + (long) (Math.abs(random.nextGaussian()) * 1_800));
      if (random.nextDouble() < 0.9) {
        long read = asked + (toolCall == null ? 0 : toolCall.outputTokens().orElse(0) + toolResult);
        long written = tokens(turn.answer()) + random.nextInt(model.extraOutputTokens());
        reply = chat.messageReceived(turn.answer(), "ai_agent", Usage.of(model.name(), read, written), Map.of());
        history += tokens(turn.question()) + toolResult + written;
      } else {
        reply = chat.messageReceived(turn.answer(), "human_agent"); // a person answered: no model, no tokens
        history += tokens(turn.question()) + toolResult + tokens(turn.answer());
      }
      if (turn.tool() != null) {
        pause(150);
        chat.actionInvoked(reply, turn.tool().type(), turn.tool().action(), "ai_agent", toolCall, Map.of());
      }
      if (turn.media() != null) {
        pause(900);
        chat.mediaGenerated(reply, turn.media().type(), turn.media().subType());
      }
      if (turn.component() != null) {
        pause(120);
        chat.componentLoaded(reply, turn.component());
      }
      if (random.nextDouble() < 0.35) {
        pause(3_000);
        chat.feedback(reply, rating(model));
      }
    }
    if (random.nextDouble() < model.abandonRate()) {
      return; // abandoned: no outcome, no end
    }
    if (script.outcome() != null && random.nextDouble() < model.outcomeRate()) {
      pause(20_000);
      chat.track(script.outcome(), Map.of("topic", script.topic()));
    }
    if (random.nextDouble() < 0.05) {
      sendOffSpec(identity, chat.conversationId(), reply);
    }
    if (random.nextDouble() < 0.2) {
      pause(5_000);
      chat.feedback(rating(model));
    }
    if (random.nextDouble() < 0.93) {
      pause(10_000);
      chat.end();
    }
  }

  /** About four characters a token, as English text runs in common tokenizers. */
  private static long tokens(String text) {
    return Math.max(1, text.length() / 4);
  }

  /** A rating sent as a string, or a misnamed conversation id: what careless integrations send. */
  private void sendOffSpec(Identity identity, String conversationId, String messageId) {
    ObjectNode message = JSON.createObjectNode().put("type", "track").put("timestamp", clock.instant().toString());
    identity.userId().ifPresent(id -> message.put("userId", id));
    identity.anonymousId().ifPresent(id -> message.put("anonymousId", id));
    if (random.nextBoolean()) {
      message.put("event", "Feedback Submitted").putObject("properties")
          .put("conversationId", conversationId).put("messageId", messageId).put("rating", "5");
    } else {
      message.put("event", "Item Purchased").putObject("properties")
          .put("conversation_id", conversationId).put("itemId", "item101112").put("itemPrice", 19.99);
    }
    offSpec.send(message.toString());
  }

  private int rating(Model model) {
    double r = Math.min(0.999, Math.max(0, random.nextDouble() + model.ratingSkew()));
    return r < 0.45 ? 5 : r < 0.75 ? 4 : r < 0.87 ? 3 : r < 0.94 ? 2 : 1;
  }

  private void pause(long millis) throws InterruptedException {
    if (live) {
      Thread.sleep(Math.min(millis, 3_000));
    } else {
      at = at.plusMillis(millis);
      clock.set(at);
    }
  }
}
