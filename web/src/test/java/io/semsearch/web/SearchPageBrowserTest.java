package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page in a real browser: Debian's chromium, headless, through its chromedriver. Skipped
 * when they are not installed, unless {@code SEMSEARCH_REQUIRE_BROWSER=1} (set by CI), which makes
 * their absence a failure. Screenshots go to {@code target/screenshots}.
 */
class SearchPageBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String XSS_TEXT =
      "Beware of injected markup <script>alert(1)</script> in a zebra crossing manual.";
  static final String XSS_TITLE = "<img src=x onerror=alert(2)>Zebra";

  @TempDir static Path dir;
  static WebFixtures.TestIndex index;
  static SearchServer server;
  static ChromeDriver driver;
  static WebDriverWait wait;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed) {
      String message =
          "needs "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (sudo apt-get install -y chromium chromium-driver)";
      if ("1".equals(System.getenv("SEMSEARCH_REQUIRE_BROWSER"))) {
        fail("SEMSEARCH_REQUIRE_BROWSER=1 but the browser test " + message);
      }
      Assumptions.abort("browser test skipped: it " + message);
    }
    index = new WebFixtures.TestIndex(dir.resolve("index"));
    server =
        SearchServer.start(
            ServerConfig.defaults().withPort(0).withApiKey("browser-key"),
            index.backend,
            WebFixtures.encoder(),
            WebFixtures.kernel());
    base = "http://127.0.0.1:" + server.port();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--user-data-dir=" + dir.resolve("chrome-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (index != null) {
      index.close();
    }
  }

  /** The titles shown, read in one script call (the list may be re-rendered meanwhile). */
  @SuppressWarnings("unchecked")
  private static List<String> resultTitles() {
    return (List<String>)
        driver.executeScript(
            "return [...document.querySelectorAll('#results .hit-title')].map(e => e.textContent)");
  }

  private static void waitForStatus(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), text));
  }

  private static void screenshot(String name) throws IOException {
    Path target = Path.of("target", "screenshots");
    Files.createDirectories(target);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void searchSimilarBackReloadAndFacetsWorkInABrowser() throws IOException {
    driver.get(base + "/");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("model-info"), "all-MiniLM-L6-v2"));

    // type a query, see ranked results with the best sentence highlighted
    WebElement box = driver.findElement(By.id("q"));
    box.sendKeys("a kitten resting on a rug", Keys.ENTER);
    waitForStatus("Results 1–");
    assertThat(resultTitles().get(0)).isEqualTo("Cats");
    assertThat(driver.getCurrentUrl()).contains("q=a+kitten+resting+on+a+rug");
    assertThat(driver.findElement(By.cssSelector("#results .hit .snippet mark")).getText())
        .isNotBlank();
    assertThat(driver.findElement(By.id("status")).getText()).contains("ms");
    screenshot("search");

    // "similar" on the first hit: the URL changes, the cat itself is not among its neighbours
    driver.findElement(By.cssSelector("#results .hit .similar")).click();
    waitForStatus("similar to “cat”");
    assertThat(driver.getCurrentUrl()).contains("similar=cat");
    wait.until(d -> !resultTitles().isEmpty() && !resultTitles().contains("Cats"));
    assertThat(resultTitles()).contains("Dogs");

    // back restores the search; reload keeps it
    driver.navigate().back();
    waitForStatus("Results 1–");
    wait.until(d -> !resultTitles().isEmpty() && resultTitles().get(0).equals("Cats"));
    assertThat(driver.findElement(By.id("q")).getAttribute("value"))
        .isEqualTo("a kitten resting on a rug");
    driver.navigate().refresh();
    waitForStatus("Results 1–");
    assertThat(resultTitles().get(0)).isEqualTo("Cats");

    // a facet narrows the results and lands in the URL
    driver
        .findElement(By.cssSelector("#facets input[data-field='section'][data-value='music']"))
        .click();
    wait.until(d -> d.getCurrentUrl().contains("f.section=music"));
    wait.until(
        d ->
            !resultTitles().isEmpty()
                && resultTitles().stream()
                    .allMatch(t -> t.equals("Music") || t.equals("Piano lessons")));
    driver.navigate().refresh();
    wait.until(d -> resultTitles().size() == 2);
    assertThat(driver.findElement(By.cssSelector("#facets input[data-value='music']")).isSelected())
        .isTrue();

    // the mode selector follows the URL
    driver.get(base + "/?q=history&mode=keyword");
    waitForStatus("lexical");
    assertThat(driver.findElement(By.id("mode")).getAttribute("value")).isEqualTo("keyword");
  }

  /** The score text of the first hit. */
  private static String firstScore() {
    return (String)
        driver.executeScript(
            "const e = document.querySelector('#results .hit .score'); return e ? e.textContent :"
                + " ''");
  }

  @Test
  void theRerankToggleShowsBothScoresAndTurnsRerankingOff() throws IOException {
    try (SearchServer reranking =
        SearchServer.start(
            ServerConfig.defaults().withPort(0),
            index.backend,
            WebFixtures.encoder(),
            WebFixtures.kernel(),
            new RerankApiTest.LengthCrossEncoder())) {
      driver.get("http://127.0.0.1:" + reranking.port() + "/?q=animals+and+music");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rerank-toggle")));
      wait.until(d -> firstScore().contains("first stage"));
      assertThat(driver.findElement(By.id("model-info")).getText()).contains("reranked by length");
      screenshot("rerank");
      driver.findElement(By.id("rerank")).click();
      wait.until(d -> !firstScore().isEmpty() && !firstScore().contains("first stage"));
    }
    driver.get(base + "/?q=animals+and+music");
    waitForStatus("Results 1–");
    assertThat(driver.findElement(By.id("rerank-toggle")).isDisplayed()).isFalse();
    assertThat(firstScore()).doesNotContain("first stage");
  }

  @Test
  void pagesMoveThroughTheRankingAndLiveInTheUrl() throws IOException {
    driver.get(base + "/?q=animals+and+music&size=3");
    waitForStatus("Results 1–3");
    List<String> first = resultTitles();
    assertThat(first).hasSize(3);
    assertThat(driver.findElement(By.id("prev")).isDisplayed()).isFalse();

    driver.findElement(By.id("next")).click();
    waitForStatus("Results 4–6");
    assertThat(driver.getCurrentUrl()).contains("page=2").contains("size=3");
    List<String> second = resultTitles();
    assertThat(second).hasSize(3).doesNotContainAnyElementsOf(first);
    screenshot("page-2");

    // the last page has no "next"; "previous" and the back button return page by page
    driver.findElement(By.id("next")).click();
    waitForStatus("Results 7–");
    wait.until(d -> !d.findElement(By.id("next")).isDisplayed());
    assertThat(resultTitles())
        .doesNotContainAnyElementsOf(first)
        .doesNotContainAnyElementsOf(second);
    driver.findElement(By.id("prev")).click();
    waitForStatus("Results 4–6");
    assertThat(resultTitles()).isEqualTo(second);
    driver.navigate().back();
    waitForStatus("Results 7–");
    driver.navigate().back();
    driver.navigate().back();
    waitForStatus("Results 1–3");
    assertThat(resultTitles()).isEqualTo(first);
  }

  @Test
  void theParaphraseTabListsPairsAndLivesInTheUrl() throws IOException {
    driver.get(base + "/?q=guitar");
    waitForStatus("Results 1–");
    driver.findElement(By.id("tab-paraphrases")).click();
    wait.until(d -> d.getCurrentUrl().contains("tab=paraphrases"));
    WebElement sentences = driver.findElement(By.id("sentences"));
    sentences.sendKeys(
        "A man is playing a guitar.\n"
            + "Someone is playing the guitar.\n"
            + "The pasta is boiling in the pot.");
    driver.findElement(By.id("threshold")).clear();
    driver.findElement(By.id("threshold")).sendKeys("0.5");
    driver.findElement(By.id("paraphrase-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#pairs tbody tr")));
    List<WebElement> cells = driver.findElements(By.cssSelector("#pairs tbody tr:first-child td"));
    assertThat(cells.get(1).getText() + " | " + cells.get(2).getText())
        .contains("A man is playing a guitar.")
        .contains("Someone is playing the guitar.");
    assertThat(driver.findElements(By.cssSelector("#pairs tbody tr"))).hasSize(1);
    screenshot("paraphrases");
    driver.navigate().back();
    wait.until(d -> d.findElement(By.id("view-search")).isDisplayed());
    assertThat(driver.getCurrentUrl()).doesNotContain("tab=paraphrases").contains("q=guitar");
    driver.navigate().refresh();
    waitForStatus("Results 1–");
  }

  @Test
  void documentTextIsShownAsTextNeverRunAsMarkup() throws Exception {
    String body =
        WebFixtures.JSON.writeValueAsString(
            List.of(
                Map.of(
                    "id",
                    "xss",
                    "title",
                    XSS_TITLE,
                    "text",
                    XSS_TEXT,
                    "metadata",
                    Map.of("section", "<b>bold</b>"))));
    HttpResponse<String> write =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/documents"))
                    .header("Authorization", "Bearer browser-key")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(write.statusCode()).as(write.body()).isEqualTo(200);

    driver.get(base + "/?q=" + WebFixtures.urlEncode("zebra crossing manual"));
    waitForStatus("Results 1–");
    assertThat(resultTitles().get(0)).isEqualTo(XSS_TITLE);
    WebElement hit = driver.findElement(By.cssSelector("#results .hit"));
    assertThat(hit.findElement(By.cssSelector(".snippet")).getText())
        .contains("<script>alert(1)</script>");
    assertThat(hit.findElements(By.tagName("script"))).isEmpty();
    assertThat(hit.findElements(By.tagName("img"))).isEmpty();
    assertThat(hit.findElements(By.tagName("b"))).isEmpty();
    assertThat(hit.getText()).contains("<b>bold</b>");
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

    // the document view shows the whole text as text too
    hit.findElement(By.cssSelector(".hit-title")).click();
    waitForStatus("Document “xss”");
    assertThat(driver.findElement(By.cssSelector("#results .full-text")).getText())
        .isEqualTo(XSS_TEXT);
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    screenshot("escaped-document");
  }
}
