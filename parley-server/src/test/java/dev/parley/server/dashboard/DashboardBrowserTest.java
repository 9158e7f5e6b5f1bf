package dev.parley.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium, against a real server holding a seeded data set:
 * the embedded store here; cluster mode's tests run the same class against PostgreSQL by
 * overriding {@link #startServer} and {@link #awaitStored}.
 */
class DashboardBrowserTest extends ServerInBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE_IMG = "<img src=x onerror=\"document.title='pwned'\">";
  private static final String HOSTILE_SCRIPT = "<script>document.title='pwned'</script>Here you go";

  @Override
  void seed() throws Exception {
    Instant now = Instant.now();
    ArrayNode batch = JSON.createArrayNode();
    conversation(batch, "user-1", "conv-stock", now.minus(Duration.ofHours(3)), true,
        "What's the best stock in the Nasdaq right now?", "Thank you for reaching out. Here is the chart.");
    conversation(batch, "user-2", "conv-hostile", now.minus(Duration.ofHours(2)), false, HOSTILE_IMG, HOSTILE_SCRIPT);
    conversation(batch, "user-3", "conv-open", now.minus(Duration.ofMinutes(2)), false, "hello", "hi, how can I help?");
    assertThat(server.post("/v1/batch", JSON.createObjectNode().set("batch", batch).toString()).statusCode())
        .isEqualTo(200);
    awaitStored(batch.size());
  }

  private static void conversation(ArrayNode batch, String user, String id, Instant start, boolean complete,
      String question, String answer) {
    add(batch, user, start, "Conversation Started", Map.of("conversationId", id));
    add(batch, user, start.plusSeconds(5), "Message Sent",
        Map.of("conversationId", id, "messageId", id + "-q", "message_body", question));
    add(batch, user, start.plusSeconds(7), "Message Received",
        Map.of("conversationId", id, "messageId", id + "-a", "message_body", answer, "role", "ai_agent",
            "model", complete ? "big-model" : "small-model", "input_tokens", 1_200, "output_tokens", 300));
    if (complete) {
      add(batch, user, start.plusSeconds(8), "Action Invoked",
          Map.of("conversationId", id, "messageId", id + "-a", "type", "Inventory Request", "action", "check stock level"));
      add(batch, user, start.plusSeconds(9), "Feedback Submitted",
          Map.of("conversationId", id, "messageId", id + "-a", "rating", 5));
      add(batch, user, start.plusSeconds(20), "Item Purchased", Map.of("conversationId", id, "itemId", "item101112"));
      add(batch, user, start.plusSeconds(30), "Conversation Ended", Map.of("conversationId", id, "message_count", 2));
    }
  }

  private static void add(ArrayNode batch, String user, Instant at, String event, Map<String, Object> properties) {
    ObjectNode message = batch.addObject().put("type", "track").put("userId", user).put("event", event)
        .put("timestamp", at.toString()).put("messageId", event.replace(' ', '-') + "-" + properties.get("conversationId"));
    message.set("properties", JSON.valueToTree(properties));
  }

  private WebElement await(By selector) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(selector));
  }

  private void signIn(String path) {
    browser.driver.get(server.uri(path + server.server().oneTimeSignInPath().substring(1)).toString());
  }

  @Test
  void theOverviewShowsTheNumbersTheApiReturns() throws Exception {
    signIn("/");
    JsonNode summary = TestServer.json(server.get("/api/v1/summary").body());
    assertThat(await(By.cssSelector("[data-metric=conversations] .value")).getText())
        .isEqualTo(summary.get("conversations").asText());
    assertThat(browser.driver.findElement(By.cssSelector("[data-metric=abandoned] .value")).getText())
        .isEqualTo(summary.get("abandoned").asText());
    assertThat(browser.driver.findElement(By.cssSelector("[data-metric=users] .value")).getText())
        .isEqualTo(summary.get("users").asText());
    assertThat(summary.get("conversations").asInt()).isEqualTo(3);
    assertThat(browser.driver.findElement(By.cssSelector("[data-metric=tokens] .value")).getText().replace(",", ""))
        .isEqualTo(Long.toString(summary.at("/tokens/input").asLong() + summary.at("/tokens/output").asLong()))
        .isEqualTo("4500");
    assertThat(browser.driver.getCurrentUrl()).doesNotContain("token");
    await(By.cssSelector("canvas#series-conversations"));
    browser.screenshot("overview");
  }

  @Test
  void filteringConversationsByStatusShowsOnlyThose() throws Exception {
    signIn("/conversations");
    await(By.cssSelector("#conversation-results table"));
    assertThat(browser.driver.findElements(By.cssSelector("#conversation-results tbody tr"))).hasSize(3);
    new Select(browser.driver.findElement(By.name("status"))).selectByValue("ended");
    browser.driver.findElement(By.cssSelector("#conversation-filters button[type=submit]")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d ->
        d.findElements(By.cssSelector("#conversation-results tbody tr")).size() == 1);
    assertThat(browser.driver.findElement(By.cssSelector("#conversation-results tbody tr")).getText())
        .contains("conv-stock").contains("ended");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/conversations?status=ended");
    browser.screenshot("conversations");
  }

  @Test
  void aTranscriptRendersInOrderWithWhatHappenedAroundEachMessage() throws Exception {
    signIn("/conversations/conv-stock");
    await(By.cssSelector("#chat .bubble"));
    List<String> lines = browser.driver.findElements(By.cssSelector("#chat > *")).stream()
        .map(WebElement::getText).toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("Conversation Started");
    assertThat(lines.get(1)).contains("What's the best stock in the Nasdaq right now?");
    assertThat(lines.get(2)).contains("Thank you for reaching out").contains("replied in 2 s")
        .contains("action: Inventory Request · check stock level").contains("rated 5");
    assertThat(lines.get(3)).startsWith("Item Purchased");
    assertThat(lines.get(4)).startsWith("Conversation Ended (2 messages)");
    browser.screenshot("transcript");
  }

  @Test
  void hostileMessageBodiesShowAsTextAndRunNothing() throws Exception {
    signIn("/conversations/conv-hostile");
    List<WebElement> bubbles = new WebDriverWait(browser.driver, Duration.ofSeconds(15))
        .until(d -> {
          List<WebElement> found = d.findElements(By.cssSelector("#chat .bubble"));
          return found.size() == 2 ? found : null;
        });
    assertThat(bubbles.get(0).getText()).contains(HOSTILE_IMG);
    assertThat(bubbles.get(1).getText()).contains(HOSTILE_SCRIPT);
    assertThat(browser.driver.findElements(By.cssSelector("#chat img, #chat script"))).isEmpty();
    assertThat(browser.driver.getTitle()).isEqualTo("Parley");
    browser.screenshot("transcript-hostile");
  }

  @Test
  void theModelsPageShowsEachModelAndWhatGoesWithConversion() throws Exception {
    signIn("/models");
    JsonNode groups = TestServer.json(server.get("/api/v1/breakdown?by=model").body()).get("groups");
    List<WebElement> rows = await(By.cssSelector("[data-table=models] tbody tr")).findElements(By.xpath("./../tr"));
    assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td")).getText())
        .containsExactlyElementsOf(groups.findValuesAsText("key"));
    assertThat(groups.findValuesAsText("key")).containsExactlyInAnyOrder("big-model", "small-model");

    JsonNode byModel = TestServer.json(server.get("/api/v1/attribution?by=model").body()).get("items");
    WebElement first = browser.driver.findElement(By.cssSelector("[data-attribution=model] tbody tr td"));
    assertThat(first.getText()).as("the largest conversion lift first").isEqualTo(byModel.get(0).get("key").asText())
        .isEqualTo("big-model");
    assertThat(browser.driver.findElement(By.cssSelector("[data-tab=models]")).getAttribute("class")).contains("active");
  }

  @Test
  void theDataQualityPageListsViolations() throws Exception {
    signIn("/quality");
    assertThat(await(By.tagName("h1")).getText()).isEqualTo("Data quality");
    browser.screenshot("quality");
  }

  @Test
  void withoutTheTokenThePageShowsOnlyTheSignInForm() throws Exception {
    try (Browser stranger = Browser.open(390, 844)) {
      stranger.driver.get(server.uri("/").toString());
      new WebDriverWait(stranger.driver, Duration.ofSeconds(15))
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
      assertThat(stranger.driver.findElements(By.cssSelector(".tile"))).isEmpty();
      Object status = stranger.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "fetch('/api/v1/summary').then(r => done(r.status));");
      assertThat(status).isEqualTo(401L);
      stranger.screenshot("sign-in-narrow");

      stranger.driver.findElement(By.name("token")).sendKeys(TestServer.ADMIN_TOKEN);
      stranger.driver.findElement(By.cssSelector("#login-form button")).click();
      new WebDriverWait(stranger.driver, Duration.ofSeconds(15))
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-metric=conversations]")));
      stranger.screenshot("overview-narrow");
    }
  }
}
