package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kpisuite.e2e.Browser.WAIT;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kpisuite.devstack.CatalogLoader;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.testing.LocalTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;

/**
 * The dashboard that reporting-service serves at {@code /}, in a real headless browser: Debian's chromium driven
 * through its chromedriver ({@code make test} installs both), against the four packaged services.
 * <p>
 * The tests run in a random order (JUnit logs the seed; {@code -Djunit.jupiter.execution.order.random.seed=<seed>}
 * repeats one): the data they read is loaded once, before all, and each starts from a fresh tab, without what an
 * earlier one left in the browser's storage or console.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class DashboardBrowserTest {

    /** INDICATORS.md: the 17 FY2024 catalog indicators, core targets first. */
    private static final List<String> CORE = List.of("arch-design-points", "mitou-alumni-outcomes", "manabi-dx-accesses",
            "natsec-satisfaction");
    private static final List<String> CODES = List.of("arch-design-points", "mitou-alumni-outcomes",
            "dx-self-diagnosis-orgs", "dss-itss-accesses", "manabi-dx-accesses", "it-exam-applicants",
            "natsec-satisfaction", "cabinet-liaison-offices", "overseas-partner-agencies", "partner-organisations",
            "ics-alumni-activities", "ipa-dx-maturity", "admin-cost-efficiency", "operating-cost-efficiency",
            "contract-committee-meetings", "regional-investment-gain", "web-article-count");

    /** The page's status colours (dashboard.css). */
    private static final Map<String, Integer> STATUS_RGB = Map.of("ACHIEVED", 0x188038, "ON_TRACK", 0x34a853,
            "AT_RISK", 0xf29900, "OFF_TRACK", 0xd93025, "NO_DATA", 0x9aa0a6, "NOT_RATED", 0xbdc1c6);

    private static SuiteUnderTest suite;
    private static Browser browser;
    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() throws Exception {
        Browser.assertInstalled();
        suite = SuiteUnderTest.shared();
        new CatalogLoader(suite.url(SuiteServices.PLAN), suite.url(SuiteServices.INDICATOR),
                suite.token(LocalTokens.ADMIN))
                .load(suite.root().resolve("deploy/catalog/fy2024.yaml"));
        // A value for a chart: 201 once ingestion knows the indicator (200 UNCHANGED if it was already there).
        String body = """
                {"indicatorCode":"manabi-dx-accesses","department":"digital-talent","month":"2024-05","value":162000}
                """;
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            int status = suite.as(LocalTokens.ADMIN, SuiteServices.INGESTION).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/measurements").statusCode();
            return status == 201 || status == 200;
        });
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, Object>> progress = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING)
                    .queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(200).extract()
                    .jsonPath().getList("$");
            assertThat(progress).extracting(p -> (String) p.get("indicatorCode")).containsAll(CODES);
            Object actual = progress.stream().filter(p -> "manabi-dx-accesses".equals(p.get("indicatorCode")))
                    .findFirst().orElseThrow().get("actual");
            assertThat(actual).isNotNull();
            assertThat(new BigDecimal(String.valueOf(actual))).isGreaterThanOrEqualTo(new BigDecimal("162000"));
        });
        givePlanAnOverdueMilestone();

        browser = Browser.start(suite.root().resolve("platform/e2e-tests/target"), "chromedriver.log");
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** What an earlier test left: the language it chose, the token it signed in with, its console messages. */
    @BeforeEach
    void freshTab() {
        browser.freshTab(suite.url(SuiteServices.REPORTING));
    }

    @Test
    void withoutATokenThePageAsksForOneAndAcceptsAPastedViewerToken() {
        driver.get(suite.url(SuiteServices.REPORTING) + "/?lang=en");
        browser.js("sessionStorage.clear()");
        driver.navigate().refresh();
        WebElement reason = browser.wait("the sign-in form", () -> {
            WebElement form = driver.findElement(By.id("signin"));
            return form.isDisplayed() ? driver.findElement(By.id("signin-reason")) : null;
        });
        assertThat(reason.getText()).contains("Please sign in");
        assertThat(cards()).isEmpty();

        driver.findElement(By.id("token")).sendKeys("not-a-valid-token");
        driver.findElement(By.id("signin-button")).click();
        browser.wait("the refusal",
                () -> driver.findElement(By.id("signin-reason")).getText().contains("401") ? true : null);
        assertThat(cards()).isEmpty();

        driver.findElement(By.id("token")).sendKeys(suite.token(LocalTokens.VIEWER));
        driver.findElement(By.id("signin-button")).click();
        browser.wait("17 indicator cards", () -> cards().size() >= CODES.size() ? Boolean.TRUE : null);
        assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();
        // The one error in the console is the 401 this test asked for.
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("401"));
    }

    @Test
    void everyIndicatorOfTheYearIsACardCoreTargetsFirst() {
        open("/");
        List<String> shown = cards().stream().map(c -> c.getAttribute("data-indicator")).toList();
        assertThat(shown).containsAll(CODES);
        int lastCore = CORE.stream().mapToInt(shown::indexOf).max().orElseThrow();
        int firstOther = CODES.stream().filter(c -> !CORE.contains(c)).mapToInt(shown::indexOf).min().orElseThrow();
        assertThat(lastCore).as("core targets before the others: %s", shown).isLessThan(firstOther);
        CORE.forEach(code -> assertThat(card(code).getAttribute("data-core")).as(code).isEqualTo("true"));

        WebElement manabi = card("manabi-dx-accesses");
        assertThat(manabi.getAttribute("data-status")).isIn("ACHIEVED", "ON_TRACK", "AT_RISK", "OFF_TRACK");
        assertThat(manabi.findElement(By.cssSelector(".actual")).getText()).contains("162,000");
        assertThat(manabi.findElement(By.cssSelector(".target")).getText()).contains("300,000");
        assertThat(manabi.findElement(By.cssSelector(".pct")).getText()).matches("\\d+(\\.\\d)? %");
        assertThat(manabi.findElement(By.cssSelector(".grade")).getText()).matches("[A-D]");
        assertThat(card("cabinet-liaison-offices").getAttribute("data-status")).isEqualTo("NOT_RATED");
        assertThat(new Select(driver.findElement(By.id("fiscal-year"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("2024");
    }

    @Test
    void aMonthlyChartIsDrawnWithTheReportedValue() {
        open("/?lang=ja");
        WebElement chart = browser.wait("the chart of manabi-dx-accesses", () -> {
            List<WebElement> charts = driver.findElements(
                    By.cssSelector("[data-indicator='manabi-dx-accesses'] .chart[data-series='ok']"));
            return charts.isEmpty() || charts.get(0).findElements(By.tagName("canvas")).isEmpty() ? null : charts.get(0);
        });
        WebElement canvas = chart.findElement(By.tagName("canvas"));
        assertThat(canvas.getSize().getWidth()).isGreaterThan(200);
        assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        Object may = browser.js("""
                const chart = echarts.getInstanceByDom(document.querySelector('[data-chart="manabi-dx-accesses"]'));
                const option = chart.getOption();
                return option.series[0].data[1];""");
        assertThat(new BigDecimal(String.valueOf(may))).isEqualByComparingTo("162000");
        assertThat(browser.js("""
                const chart = echarts.getInstanceByDom(document.querySelector('[data-chart="manabi-dx-accesses"]'));
                return chart.getOption().series[1].markLine.data[0].yAxis;""").toString()).startsWith("300000");
    }

    @Test
    void chapterAndDepartmentFiltersNarrowTheList() {
        open("/?lang=ja");
        Select chapter = new Select(driver.findElement(By.id("chapter-filter")));
        assertThat(chapter.getOptions()).extracting(o -> o.getAttribute("value")).contains("all", "I", "II");
        chapter.selectByValue("II");
        List<WebElement> visible = visibleCards();
        assertThat(visible).isNotEmpty().hasSizeLessThan(CODES.size());
        assertThat(visible).allSatisfy(c -> assertThat(c.getAttribute("data-chapter")).isEqualTo("II"));
        assertThat(visible).extracting(c -> c.getAttribute("data-indicator")).contains("admin-cost-efficiency")
                .doesNotContain("manabi-dx-accesses");

        chapter.selectByValue("all");
        assertThat(visibleCards().size()).isGreaterThanOrEqualTo(CODES.size());
        Select department = new Select(driver.findElement(By.id("department-filter")));
        department.selectByValue("security");
        assertThat(visibleCards()).extracting(c -> c.getAttribute("data-indicator")).contains("natsec-satisfaction",
                "cabinet-liaison-offices").doesNotContain("manabi-dx-accesses");
        department.selectByValue("all");
        assertThat(visibleCards().size()).isGreaterThanOrEqualTo(CODES.size());
    }

    @Test
    void theLanguageToggleSwitchesTheLabels() {
        open("/?lang=ja");
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("評価指標ダッシュボード");
        String nameJa = card("manabi-dx-accesses").findElement(By.cssSelector(".name")).getText();
        driver.findElement(By.id("lang-toggle")).click();
        new WebDriverWait(driver, WAIT).until(d -> "Indicator dashboard".equals(d.findElement(By.id("title")).getText()));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(card("manabi-dx-accesses").findElement(By.cssSelector(".name")).getText()).isNotEqualTo(nameJa)
                .containsIgnoringCase("manabi");
        assertThat(card("manabi-dx-accesses").findElement(By.cssSelector(".figure-target dt")).getText())
                .isEqualTo("Target");
        driver.findElement(By.id("lang-toggle")).click();
        new WebDriverWait(driver, WAIT).until(d -> "評価指標ダッシュボード".equals(d.findElement(By.id("title")).getText()));
    }

    @Test
    void theScreenshotShowsTheStatusColours() throws IOException {
        open("/?lang=ja");
        browser.wait("every chart", () -> driver.findElements(By.cssSelector(".chart[data-series='pending']")).isEmpty()
                ? Boolean.TRUE : null);
        String manabiStatus = card("manabi-dx-accesses").getAttribute("data-status");
        browser.js("return new Promise(r => setTimeout(r, 600));"); // the charts' short animation
        Path png = suite.root().resolve("platform/e2e-tests/target/dashboard.png");
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG").isNotNull();
        assertThat(image.getWidth()).isBetween(1000, 3000);
        assertThat(image.getHeight()).isBetween(1000, 5000);
        Map<Integer, Integer> histogram = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                histogram.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
            }
        }
        int samples = histogram.values().stream().mapToInt(Integer::intValue).sum();
        int commonest = histogram.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(histogram.size()).as("distinct colours").isGreaterThan(50);
        assertThat(commonest).as("not one flat colour").isLessThan(samples * 9 / 10);
        assertThat(nearby(histogram, STATUS_RGB.get(manabiStatus))).as("the colour of " + manabiStatus).isGreaterThan(50);
        assertThat(nearby(histogram, STATUS_RGB.get("NO_DATA"))).as("the grey of NO_DATA").isGreaterThan(50);
        long statusColours = STATUS_RGB.values().stream().filter(rgb -> nearby(histogram, rgb) > 50).count();
        assertThat(statusColours).as("status colours on the page").isGreaterThanOrEqualTo(2);

        assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
    }

    @Test
    void thePlanTreeOpensChapterByChapterWithWhatIsOverdueFirst() {
        openPlan("/?lang=ja&plan=" + PLAN);
        List<WebElement> chapters = driver.findElements(By.cssSelector("#plan-chapters > details.plan-item"));
        assertThat(chapters).isNotEmpty();
        assertThat(chapters).allSatisfy(c -> assertThat(c.getAttribute("open")).as("chapters start closed").isNull());
        List<Integer> overdue = chapters.stream().map(c -> Integer.parseInt(c.getAttribute("data-overdue"))).toList();
        assertThat(overdue.get(0)).as("the chapter with overdue milestones first: %s", overdue).isPositive();
        assertThat(overdue).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        WebElement first = chapters.get(0);
        assertThat(first.getAttribute("data-code")).isEqualTo("I");
        assertThat(first.findElement(By.tagName("summary")).getText()).contains("期限超過");
        first.findElement(By.tagName("summary")).click();
        WebElement milestone = browser.wait("the overdue milestone in chapter I", () -> {
            List<WebElement> found = first.findElements(By.cssSelector("[data-milestone='" + MILESTONE + "']"));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
        assertThat(milestone.getAttribute("data-state")).isEqualTo("OVERDUE");
        assertThat(milestone.getText()).contains("期限超過").contains("2024-08-31").contains("⚠");
        WebElement measure = first.findElement(By.cssSelector("[data-measure='" + MEASURE + "']"));
        assertThat(measure.findElement(By.cssSelector(".badge")).getText()).contains("遅延").contains("▲");
        // The list of overdue milestones at the head of the section has it too.
        assertThat(driver.findElement(By.id("overdue-milestones")).getText()).contains(MILESTONE);
    }

    @Test
    void everyTextOnThePageHasAContrastOfAtLeast4Point5() {
        openPlan("/?lang=ja&plan=" + PLAN);
        // Everything a user can open is opened: chapters, the chart tables, the commentary.
        browser.js("document.querySelectorAll('details').forEach(d => d.open = true);");
        // The four grades and "none" measured from the page's own CSS, whichever grades the data has today.
        browser.js("""
                const card = document.querySelector('#indicators > .card');
                for (const g of ['A', 'B', 'C', 'D', 'none']) {
                    const probe = document.createElement('span');
                    probe.className = 'grade grade-' + g;
                    probe.dataset.probe = 'grade-' + g;
                    probe.textContent = g === 'none' ? '–' : g;
                    card.append(probe);
                }""");
        List<Map<String, Object>> texts = browser.contrast();
        assertThat(texts).as("text elements measured").hasSizeGreaterThan(100);
        assertThat(texts).filteredOn(t -> String.valueOf(t.get("what")).startsWith("grade-")).hasSize(5)
                .allSatisfy(t -> assertThat(((Number) t.get("ratio")).doubleValue()).as("%s", t).isGreaterThanOrEqualTo(4.5));
        assertThat(texts).filteredOn(t -> ((Number) t.get("ratio")).doubleValue() < 4.5)
                .as("text below 4.5:1 (WCAG 2.1 AA)").isEmpty();
        browser.js("document.querySelectorAll('[data-probe]').forEach(p => p.remove());");
    }

    @Test
    void eachChartHasItsNumbersAsATable() {
        open("/?lang=ja");
        browser.wait("every chart", () -> driver.findElements(By.cssSelector(".chart[data-series='pending']")).isEmpty()
                ? Boolean.TRUE : null);
        // Every drawn chart with its table's periods, read in one go.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) browser.js("""
                return [...document.querySelectorAll(".chart[data-series='ok']")].map((c) => ({
                    code: c.dataset.chart, role: c.getAttribute('role'), label: c.getAttribute('aria-label'),
                    periods: [...document.querySelectorAll(`.chart-table[data-table='${c.dataset.chart}'] tbody tr`)]
                        .map((r) => r.dataset.month) }));""");
        assertThat(charts).isNotEmpty();
        for (Map<String, Object> chart : charts) {
            assertThat(chart.get("role")).isEqualTo("img");
            assertThat((String) chart.get("label")).isNotBlank();
            String code = String.valueOf(chart.get("code"));
            // One row per period of the indicator's frequency: twelve months, four quarters, two halves or the year.
            List<String> periods = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                    .get("/api/v1/progress/{code}/series", code).then().statusCode(200).extract().jsonPath()
                    .getList("months.month");
            assertThat(chart.get("periods")).as("the periods in the table of %s", code).isEqualTo(periods);
            assertThat(periods).as("the periods of %s", code).isNotEmpty();
        }
        WebElement table = driver.findElement(By.cssSelector(".chart-table[data-table='manabi-dx-accesses']"));
        table.findElement(By.tagName("summary")).click();
        List<Map<String, Object>> months = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING)
                .queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}/series", "manabi-dx-accesses")
                .then().statusCode(200).extract().jsonPath().getList("months");
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        for (int i = 0; i < 12; i++) {
            Map<String, Object> month = months.get(i);
            WebElement row = rows.get(i);
            assertThat(row.getAttribute("data-month")).isEqualTo(month.get("month"));
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(number(cells.get(0).getText())).as("value of %s", month.get("month")).isEqualTo(decimal(month.get("value")));
            assertThat(number(cells.get(1).getText())).as("actual to %s", month.get("month"))
                    .isEqualTo(decimal(month.get("cumulative")));
        }
        assertThat(rows.get(1).getText()).contains("162,000");
    }

    @Test
    void statusIsToldInWordsAndShapesNotByColourAlone() {
        openPlan("/?lang=en&plan=" + PLAN);
        browser.js("document.querySelectorAll('details').forEach(d => d.open = true);");
        Map<String, String> words = Map.of("ACHIEVED", "Achieved", "ON_TRACK", "On track", "AT_RISK", "At risk",
                "OFF_TRACK", "Off track", "NO_DATA", "No data", "NOT_RATED", "Not rated");
        // Every status and badge on the page (a few hundred with the plan's measures and milestones), read in one go.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statuses = (List<Map<String, Object>>) browser.js("""
                return [...document.querySelectorAll('#indicators .status[data-status]')].map((s) => ({
                    state: s.dataset.status, text: s.innerText, dot: s.querySelector('.dot').innerText.trim() }));""");
        assertThat(statuses).isNotEmpty();
        for (Map<String, Object> status : statuses) {
            Object state = status.get("state");
            assertThat(String.valueOf(status.get("text"))).as("%s", state).contains(words.get(String.valueOf(state)));
            assertThat((String) status.get("dot")).as("the shape of %s", state).isNotBlank();
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> badges = (List<Map<String, Object>>) browser.js("""
                return [...document.querySelectorAll('#plan .badge')].map((b) => ({
                    state: b.dataset.state, icon: b.querySelector('.icon').innerText.trim(),
                    word: b.innerText.replace(b.querySelector('.icon').innerText, '').trim() }));""");
        assertThat(badges).isNotEmpty();
        for (Map<String, Object> badge : badges) {
            assertThat((String) badge.get("icon")).as("the shape of %s", badge.get("state")).isNotBlank();
            assertThat((String) badge.get("word")).as("the word of %s", badge.get("state")).isNotBlank();
        }
        assertThat(driver.findElement(By.cssSelector("[data-milestone='" + MILESTONE + "'] .badge")).getText())
                .contains("Overdue");
    }

    @Test
    void theStatusFilterAndSortBringOffTrackTargetsAndOverdueMilestonesToTheTop() {
        openPlan("/?lang=ja&plan=" + PLAN);
        new Select(driver.findElement(By.id("sort"))).selectByValue("attention");
        List<String> order = cards().stream().map(c -> c.getAttribute("data-status")).toList();
        List<String> rank = List.of("OFF_TRACK", "AT_RISK", "NO_DATA", "ON_TRACK", "ACHIEVED", "NOT_RATED");
        assertThat(order).as("off track first, then at risk: %s", order).isSortedAccordingTo(
                java.util.Comparator.comparingInt(rank::indexOf));
        assertThat(order.get(0)).isEqualTo("OFF_TRACK"); // manabi-dx-accesses: 162,000 of 300,000 after the year

        Select filter = new Select(driver.findElement(By.id("status-filter")));
        filter.selectByValue("attention");
        assertThat(visibleCards()).isNotEmpty().allSatisfy(c -> assertThat(c.getAttribute("data-status"))
                .isIn("OFF_TRACK", "AT_RISK"));
        List<WebElement> chapters = driver.findElements(By.cssSelector("#plan-chapters > details.plan-item"));
        assertThat(chapters).isNotEmpty().allSatisfy(c -> assertThat(Integer.parseInt(c.getAttribute("data-attention")))
                .isPositive());
        chapters.get(0).findElement(By.tagName("summary")).click();
        assertThat(chapters.get(0).findElements(By.cssSelector(".plan-measure")))
                .as("only measures that need attention").isNotEmpty()
                .allSatisfy(m -> assertThat(m.getText()).containsAnyOf("期限超過", "遅延"));
        assertThat(driver.getCurrentUrl()).contains("status=attention").contains("sort=attention");

        filter.selectByValue("OFF_TRACK");
        assertThat(visibleCards()).allSatisfy(c -> assertThat(c.getAttribute("data-status")).isEqualTo("OFF_TRACK"));
        filter.selectByValue("all");
        new Select(driver.findElement(By.id("sort"))).selectByValue("plan");
        assertThat(visibleCards().size()).isGreaterThanOrEqualTo(CODES.size());
        assertThat(cards().get(0).getAttribute("data-core")).isEqualTo("true");
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static final String PLAN = "IPA-FY2024";
    private static final String MEASURE = "I.2.BROWSER";
    private static final String MILESTONE = "I.2.BROWSER.M1";

    /**
     * A delayed measure of IPA-FY2024 with a milestone due 2024-08-31 and not done (overdue): made through
     * plan-service's API, whatever measures the catalog has.
     */
    private static void givePlanAnOverdueMilestone() {
        String item = suite.as(LocalTokens.VIEWER, SuiteServices.PLAN).queryParam("planCode", PLAN)
                .get("/api/v1/plan-items").then().statusCode(200).extract().path("find { it.code == 'I.2' }.id");
        int created = suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON).body("""
                {"planCode":"%s","code":"%s","kind":"MEASURE","planItemId":"%s","marker":"※",
                 "textJa":"ブラウザ試験のための施策","nameEn":"A measure for the browser test","department":"digital-talent",
                 "sortOrder":99}""".formatted(PLAN, MEASURE, item)).post("/api/v1/measures").statusCode();
        assertThat(created).isIn(201, 409);
        String measure = suite.as(LocalTokens.VIEWER, SuiteServices.PLAN).queryParam("planCode", PLAN)
                .queryParam("code", MEASURE).get("/api/v1/measures").then().extract().path("[0].id");
        int milestone = suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"code\":\"" + MILESTONE + "\",\"nameJa\":\"期限を過ぎた成果物\",\"nameEn\":\"A late deliverable\","
                        + "\"due\":\"2024-08-31\"}")
                .post("/api/v1/measures/{id}/milestones", measure).statusCode();
        assertThat(milestone).isIn(201, 409);
        suite.submitter("digital-talent", SuiteServices.PLAN).contentType(ContentType.JSON).body("{\"status\":\"DELAYED\"}")
                .put("/api/v1/measures/{id}/status", measure).then().statusCode(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var tree = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                    .queryParam("planCode", PLAN).get("/api/v1/plan-tree");
            return tree.statusCode() == 200 && tree.jsonPath().getInt("summary.overdueMilestones") > 0;
        });
    }

    /** Opens the page and waits for the cards and the plan tree. */
    private static void openPlan(String path) {
        open(path);
        browser.wait("the plan tree", () -> driver.findElements(By.cssSelector("#plan-chapters > details.plan-item"))
                .isEmpty() ? null : Boolean.TRUE);
    }

    /** A number as the page writes it (162,000; — for none). */
    private static BigDecimal number(String text) {
        String digits = text.replace(",", "").replace("−", "-").trim();
        return digits.isEmpty() || digits.equals("—") ? null : new BigDecimal(digits).stripTrailingZeros();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value)).stripTrailingZeros();
    }



    /**
     * Opens a page of the dashboard the way make run prints its address, with a viewer token in the fragment, and
     * waits until the 17 catalog indicators are cards.
     */
    private static void open(String path) {
        driver.get(suite.url(SuiteServices.REPORTING) + path + "#token=" + suite.token(LocalTokens.VIEWER));
        browser.wait("17 indicator cards", () -> cards().size() >= CODES.size() ? Boolean.TRUE : null);
        assertThat(driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token=");
    }

    private static List<WebElement> cards() {
        return driver.findElements(By.cssSelector("#indicators > .card[data-indicator]"));
    }

    private static List<WebElement> visibleCards() {
        return driver.findElements(By.cssSelector("#indicators > .card[data-indicator]:not([hidden])"));
    }

    private static WebElement card(String code) {
        return driver.findElement(By.cssSelector("#indicators > .card[data-indicator='" + code + "']"));
    }

    /** Sampled pixels within a small distance of a colour. */
    private static int nearby(Map<Integer, Integer> histogram, int rgb) {
        int sum = 0;
        for (var entry : histogram.entrySet()) {
            int c = entry.getKey();
            if (Math.abs((c >> 16 & 0xff) - (rgb >> 16 & 0xff)) <= 8 && Math.abs((c >> 8 & 0xff) - (rgb >> 8 & 0xff)) <= 8
                    && Math.abs((c & 0xff) - (rgb & 0xff)) <= 8) {
                sum += entry.getValue();
            }
        }
        return sum;
    }
}
