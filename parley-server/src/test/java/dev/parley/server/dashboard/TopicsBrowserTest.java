package dev.parley.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.testing.TestServer;
import dev.parley.server.testing.TopicTraffic;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Topics page in a real headless Chromium, against a server whose topics were computed from
 * three intents: the embedded store here; cluster mode's tests run the same class against
 * PostgreSQL by overriding {@link #startServer} and {@link #awaitStored}.
 */
class TopicsBrowserTest extends ServerInBrowserTest {
  @Override
  void seed() throws Exception {
    assertThat(server.post("/v1/batch", TopicTraffic.batch(Instant.now().minus(Duration.ofHours(3)))).statusCode())
        .isEqualTo(200);
    awaitStored(3 * 36 * 3);
    HttpResponse<String> recomputed = TestServer.send(HttpRequest.newBuilder(server.uri("/api/v1/topics/recompute"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(recomputed.statusCode()).as(recomputed.body()).isEqualTo(200);
  }

  private WebElement await(By selector) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(selector));
  }

  @Test
  void theTopicsPageListsWhatTheApiReturnsAndARowOpensItsConversations() throws Exception {
    browser.driver.get(server.uri("/topics" + server.server().oneTimeSignInPath().substring(1)).toString());
    JsonNode items = TestServer.json(server.get("/api/v1/topics").body()).get("items");
    await(By.cssSelector("[data-table=topics] tbody tr"));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("[data-table=topics] tbody tr"));
    assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td")).getText())
        .containsExactlyElementsOf(items.findValuesAsText("label"));
    assertThat(browser.driver.findElement(By.cssSelector("[data-tab=topics]")).getAttribute("class")).contains("active");
    browser.screenshot("topics");

    JsonNode first = items.get(0);
    rows.get(0).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/conversations?topic="));
    assertThat(browser.driver.getCurrentUrl()).endsWith("/conversations?topic=" + first.get("id").asInt());
    await(By.cssSelector("#conversation-results table"));
    int shown = browser.driver.findElements(By.cssSelector("#conversation-results tbody tr")).size();
    assertThat(shown).isEqualTo(Math.min(25, first.get("conversations").asInt()));
  }
}
