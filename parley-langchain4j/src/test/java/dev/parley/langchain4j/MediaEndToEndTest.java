package dev.parley.langchain4j;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.service.AiServices;
import dev.parley.langchain4j.testing.Assistant;
import dev.parley.langchain4j.testing.Harness;
import dev.parley.langchain4j.testing.MediaTools;
import dev.parley.langchain4j.testing.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Media Generated from images in the reply and from decorated image and speech models. */
class MediaEndToEndTest {
  @RegisterExtension
  final Harness harness = new Harness();

  @Test
  void mediaMadeByDecoratedModelsInsideAToolRefersToTheReply() {
    ParleyLangChain4j parley = ParleyLangChain4j.builder(harness.analytics()).build();
    MediaTools tools = new MediaTools(parley.imageModel(MediaTools.pngImages()),
        parley.textToSpeechModel(MediaTools.mp3Speech()));
    Assistant assistant = parley.instrument(AiServices.builder(Assistant.class)
            .chatModel(new ScriptedChatModel())
            .chatMemoryProvider(harness.memories())
            .tools(tools))
        .build();

    assistant.chat("alice", "Chart ACME for me");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent", "Message Received",
        "Action Invoked", "Media Generated", "Media Generated");
    String replyId = messages.get(2).path("properties").path("messageId").asText();
    JsonNode image = messages.get(4).path("properties");
    assertThat(image.path("messageId").asText()).isEqualTo(replyId);
    assertThat(image.path("type").asText()).isEqualTo("image");
    assertThat(image.path("sub_type").asText()).isEqualTo("png");
    assertThat(image.path("role").asText()).isEqualTo("ai_agent");
    assertThat(image.path("source").asText()).isEqualTo("image_model");
    JsonNode audio = messages.get(5).path("properties");
    assertThat(audio.path("type").asText()).isEqualTo("audio");
    assertThat(audio.path("sub_type").asText()).isEqualTo("mp3");
    assertThat(audio.path("source").asText()).isEqualTo("text_to_speech_model");
    assertAllValid(messages);
  }

  @Test
  void imagesInTheReplyAreMediaGenerated() {
    ChatModel painter = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        Image image = Image.builder().url("https://img.example/cat.webp").build();
        AiMessage message = AiMessage.builder().text("Here is your cat")
            .attributes(Map.of(AiMessage.GENERATED_IMAGES_KEY, List.of(image))).build();
        return ChatResponse.builder().aiMessage(message).build();
      }
    };
    var builder = AiServices.builder(Assistant.class).chatModel(painter).chatMemoryProvider(harness.memories());
    ParleyLangChain4j.instrument(builder, harness.analytics());

    builder.build().chat("alice", "Draw a cat");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent", "Message Received",
        "Media Generated");
    JsonNode media = messages.get(3).path("properties");
    assertThat(media.path("messageId").asText()).isEqualTo(messages.get(2).path("properties").path("messageId").asText());
    assertThat(media.path("sub_type").asText()).isEqualTo("webp");
    assertThat(media.path("source").asText()).isEqualTo("reply");
    assertAllValid(messages);
  }

  @Test
  void aDecoratedModelCalledOutsideAnyToolPassesThroughWithoutAnEvent() {
    ParleyLangChain4j parley = ParleyLangChain4j.builder(harness.analytics()).build();
    ImageModel images = parley.imageModel(MediaTools.pngImages());

    assertThat(images.generate("a cat").content().mimeType()).isEqualTo("image/png");
    assertThat(harness.delivered()).isEmpty();
  }
}
