package dev.parley.springai.internal;

import dev.parley.instrumentation.ConversationKeys;
import dev.parley.instrumentation.ConversationTracker;
import dev.parley.instrumentation.Guard;
import dev.parley.instrumentation.ReplyReporter;
import dev.parley.instrumentation.ToolRun;
import dev.parley.instrumentation.TrackedConversation;
import dev.parley.sdk.CopilotAnalytics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import reactor.core.publisher.Flux;

/**
 * Records ChatClient exchanges: Message Sent before the call, then the reply and what came
 * with it when the call or stream completes; tools reported by {@link ToolObservationHandler}
 * join the exchange they ran for.
 *
 * <p>Thread-safe. Nothing it throws reaches the application: the application's own exceptions
 * are rethrown unchanged, the instrumentation's are logged and counted.
 */
public final class ExchangeRecorder {
  private static final Logger log = LoggerFactory.getLogger(ExchangeRecorder.class);
  /** Spring AI's own default conversation id (a constant of ChatMemory in 1.x only). */
  static final String DEFAULT_CONVERSATION_ID = "default";

  private final ConversationTracker<String> conversations;
  private final Guard guard;
  private final ReplyReporter replies;
  private final Map<String, Deque<ChatTurn>> inFlight = new ConcurrentHashMap<>();
  private final ThreadLocal<ChatTurn> current = new ThreadLocal<>();

  /**
   * A recorder sending through this client, conversations keyed by conversation id as
   * {@code keys} says; Action Invoked carries the tool's arguments when {@code captureToolArguments}.
   */
  public ExchangeRecorder(CopilotAnalytics analytics, ConversationKeys<String> keys, boolean captureToolArguments) {
    this.conversations = new ConversationTracker<>(analytics, keys);
    this.guard = conversations.guard();
    this.replies = new ReplyReporter(captureToolArguments, guard);
  }

  /** The conversations, by conversation id: for ending them, feedback and their latest replies. */
  public ConversationTracker<String> conversations() {
    return conversations;
  }

  /** Records a blocking call around the rest of the advisor chain. */
  public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
    ChatTurn turn = start(request, false);
    ChatTurn outer = current.get();
    current.set(turn);
    ChatClientResponse response;
    try {
      response = chain.nextCall(request);
    } catch (RuntimeException | Error e) {
      failed(turn, e);
      throw e;
    } finally {
      restore(outer);
    }
    finish(turn, () -> reportReply(turn, Reply.of(response.chatResponse())));
    return response;
  }

  /** Records a stream around the rest of the advisor chain, reporting when it completes. */
  public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
    return Flux.defer(() -> {
      ChatTurn turn = start(request, true);
      Reply reply = new Reply();
      return chain.nextStream(request)
          .doOnNext(response -> guard.run(conversationOf(turn), "a streamed chunk",
              () -> reply.add(response.chatResponse())))
          .doOnComplete(() -> finish(turn, () -> reportReply(turn, reply)))
          .doOnError(error -> failed(turn, error))
          .doOnCancel(() -> finish(turn, () -> log.debug("A stream was cancelled before it completed")));
    });
  }

  /** Called for each finished {@code spring.ai.tool} observation. */
  void toolObserved(ToolCallingObservationContext context, Duration duration, boolean failed) {
    guard.run(null, "Action Invoked", () -> turnOf(context).ifPresent(turn -> turn.toolObserved(
        ToolRun.observed(context.getToolDefinition().name(), context.getToolCallArguments(),
            Optional.of(duration), failed))));
  }

  private ChatTurn start(ChatClientRequest request, boolean streaming) {
    ChatTurn[] started = {null};
    guard.run(null, "Message Sent", () -> {
      String key = conversationKey(request.context());
      TrackedConversation tracked = conversations.open(key);
      String messageId = tracked.messageSent(userText(request));
      ChatTurn turn = new ChatTurn(key, tracked, messageId, streaming);
      inFlight.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).addLast(turn);
      started[0] = turn;
    });
    return started[0];
  }

  private void finish(ChatTurn turn, Runnable report) {
    if (turn == null) {
      return;
    }
    forget(turn);
    guard.run(turn.conversation(), "Message Received", report);
  }

  private void reportReply(ChatTurn turn, Reply reply) {
    replies.completed(turn.conversation(), ExchangeReport.completed(turn, reply));
  }

  private void failed(ChatTurn turn, Throwable error) {
    if (turn == null) {
      return;
    }
    forget(turn);
    guard.run(turn.conversation(), "a ChatClient error", () -> {
      log.warn("ChatClient call in conversation {} failed: {}", turn.conversation().conversationId(),
          error.getClass().getName());
      turn.conversation().serviceFailed(error);
      replies.failed(turn.conversation(), turn.sentMessageId(), turn.tools(), List.of());
    });
  }

  private void forget(ChatTurn turn) {
    inFlight.computeIfPresent(turn.conversationKey(), (key, turns) -> {
      turns.remove(turn);
      return turns.isEmpty() ? null : turns;
    });
  }

  private void restore(ChatTurn outer) {
    if (outer == null) {
      current.remove();
    } else {
      current.set(outer);
    }
  }

  /**
   * The exchange a tool ran for: the call running on this thread (exact for blocking calls,
   * which run tools on the caller's thread); else, through the observation's ancestors, the
   * latest exchange in flight of the ChatClient request's conversation (streams with Reactor
   * context propagation); else the only streaming exchange in flight.
   */
  private Optional<ChatTurn> turnOf(ToolCallingObservationContext context) {
    ChatTurn onThisThread = current.get();
    if (onThisThread != null) {
      return Optional.of(onThisThread);
    }
    ObservationView parent = context.getParentObservation();
    while (parent != null) {
      Observation.ContextView view = parent.getContextView();
      if (view instanceof ChatClientObservationContext chatClient) {
        Deque<ChatTurn> turns = inFlight.get(conversationKey(chatClient.getRequest().context()));
        ChatTurn turn = turns == null ? null : turns.peekLast();
        if (turn != null) {
          return Optional.of(turn);
        }
        break;
      }
      parent = view.getParentObservation();
    }
    // A streaming model runs tools on a scheduler thread; without Reactor's context propagation
    // the observation has no parent there, so only an unambiguous stream can be matched.
    List<ChatTurn> streams = inFlight.values().stream()
        .flatMap(Deque::stream).filter(ChatTurn::streaming).limit(2).toList();
    if (streams.size() == 1) {
      return Optional.of(streams.get(0));
    }
    log.debug("A tool run could not be tied to a ChatClient exchange: not reported");
    return Optional.empty();
  }

  /**
   * The conversation of a ChatClient request, from its advisor context: the
   * {@code ChatMemory.CONVERSATION_ID} parameter as given, else {@code "default"}.
   */
  public static String conversationKey(Map<String, Object> context) {
    Object id = context.get(ChatMemory.CONVERSATION_ID);
    return id == null || id.toString().isBlank() ? DEFAULT_CONVERSATION_ID : id.toString();
  }

  private static String userText(ChatClientRequest request) {
    UserMessage user = request.prompt().getUserMessage();
    String text = user == null ? null : user.getText();
    if (text != null && !text.isBlank()) {
      return text;
    }
    return user != null && !user.getMedia().isEmpty() ? "[media]" : "[no text]";
  }

  private static TrackedConversation conversationOf(ChatTurn turn) {
    return turn == null ? null : turn.conversation();
  }
}
