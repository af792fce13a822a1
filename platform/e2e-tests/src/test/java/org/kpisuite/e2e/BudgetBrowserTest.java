package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kpisuite.e2e.Browser.WAIT;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

import io.restassured.path.json.JsonPath;

/**
 * The dashboard's budget page ({@code budget.html}) in a real headless browser, as DashboardBrowserTest drives the
 * indicator page: Debian's chromium through its chromedriver, against the packaged services. The FY2024 budget is
 * loaded from the catalog and finance posts the same three months of the examination account as BudgetEndToEndTest
 * ({@link BudgetActuals}: whichever of the two runs first, the figures are the same); the page must show what a user
 * checks by hand — the drifting lines first with their rates, the annex rows with their budget, actual and printed
 * totals, the ceiling, a chart with its numbers as text — in words and shapes, in Japanese or English, legibly.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class BudgetBrowserTest {

    private static SuiteUnderTest suite;
    private static Browser browser;
    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() throws Exception {
        Browser.assertInstalled();
        suite = SuiteUnderTest.shared();
        var loader = new CatalogLoader(suite.url(SuiteServices.PLAN), suite.url(SuiteServices.INDICATOR),
                suite.token(LocalTokens.ADMIN));
        loader.load(suite.root().resolve("deploy/catalog/fy2024.yaml"));
        assertThat(loader.loadBudget(suite.root().resolve("deploy/catalog/budget-fy2024.yaml"))).startsWith("FY2024 budget ");
        // 200 with every row created, or unchanged where BudgetEndToEndTest posted them first; until ingestion knows
        // the budget's line indicators, rows may be refused, and are posted again.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = suite.submitter("finance", SuiteServices.INGESTION).contentType("text/csv")
                    .body(BudgetActuals.CSV).post("/api/v1/measurements/batch");
            if (response.statusCode() != 200) {
                return false;
            }
            JsonPath summary = response.jsonPath();
            return summary.getInt("rejected") == 0 && summary.getInt("created") + summary.getInt("unchanged") == 10;
        });
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath report = variance();
            assertThat(report.getString("reportedThrough")).isEqualTo("2024-06");
            assertThat(report.getList("drifting", String.class)).contains("bg-examination-exp-admin",
                    "bg-examination-rev-operations");
            assertThat(report.getString("ceiling.status")).isEqualTo("WARNING");
        });

        browser = Browser.start(suite.root().resolve("platform/e2e-tests/target"), "chromedriver-budget.log");
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshTab() {
        browser.freshTab(suite.url(SuiteServices.REPORTING));
    }

    @Test
    void theDriftingLinesComeFirstWithTheirRates() throws IOException {
        open("/budget.html?fiscalYear=2024&lang=ja");
        WebElement drifting = driver.findElement(By.id("drifting"));
        assertThat(drifting.findElement(By.tagName("h2")).getText()).contains("乖離している行");
        assertThat(drifting.getLocation().getY()).as("the drifting lines above the annex tables")
                .isLessThan(driver.findElement(By.id("annexes")).getLocation().getY());

        WebElement admin = driftingRow("bg-examination-exp-admin");
        assertThat(admin.findElement(By.cssSelector(".table-name")).getText()).isEqualTo("予算（試験勘定）");
        assertThat(admin.findElement(By.cssSelector(".line-name")).getText()).isEqualTo("一般管理費");
        assertThat(admin.findElement(By.cssSelector(".budget")).getText()).isEqualTo("192");
        assertThat(admin.findElement(By.cssSelector(".actual")).getText()).isEqualTo("75");
        assertThat(admin.findElement(By.cssSelector(".projected")).getText()).isEqualTo("300");
        assertThat(admin.findElement(By.cssSelector(".variance")).getText()).isEqualTo("+56.3 %");
        assertThat(admin.findElement(By.cssSelector(".status-cell")).getText()).contains("▲").contains("乖離");

        WebElement revenue = driftingRow("bg-examination-rev-operations");
        assertThat(revenue.findElement(By.cssSelector(".table-name")).getText()).isEqualTo("予算（試験勘定）");
        assertThat(revenue.findElement(By.cssSelector(".line-name")).getText()).isEqualTo("業務収入");
        assertThat(revenue.findElement(By.cssSelector(".variance")).getText()).isEqualTo("−15.7 %");

        List<WebElement> rows = driver.findElements(By.cssSelector("#drifting-lines tbody tr"));
        List<String> codes = rows.stream().map(r -> r.getAttribute("data-line")).toList();
        assertThat(codes).as("largest variance first").containsSubsequence("bg-examination-exp-admin",
                "bg-examination-rev-operations");
        // 業務経費 of the examination account is on budget (+0.6 %): not among the drifting lines.
        assertThat(codes).doesNotContain("bg-examination-exp-operations");
        assertThat(rows).noneSatisfy(r -> {
            assertThat(r.findElement(By.cssSelector(".table-name")).getText()).isEqualTo("予算（試験勘定）");
            assertThat(r.findElement(By.cssSelector(".line-name")).getText()).isEqualTo("業務経費");
        });
        assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("data-status")).isEqualTo("DRIFTING"));
        // The header of the report.
        assertThat(fact("version")).contains("令和６年度計画（当初予算）");
        assertThat(fact("reported-through")).isEqualTo("2024年6月");
        assertThat(fact("months-elapsed")).isEqualTo("3 / 12 か月");
        assertThat(fact("threshold")).contains("10.0 %");
        assertThat(fact("unit")).isEqualTo("百万円");

        browser.js("return new Promise(r => setTimeout(r, 600));"); // the chart's short animation
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), suite.root().resolve("platform/e2e-tests/target/budget.png"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
    }

    @Test
    void theAnnexTablesShowBudgetActualAndTheSumOfParts() {
        open("/budget.html?fiscalYear=2024&lang=ja");
        assertThat(driver.findElements(By.cssSelector("#annexes details.annex table"))).as("one table per budget table")
                .hasSize(30);
        assertThat(driver.findElements(By.cssSelector("#annexes .kind-title")).stream().map(WebElement::getText))
                .containsExactly("予算（別紙１）", "収支計画（別紙２）", "資金計画（別紙３）");

        WebElement operations = driver.findElement(By.cssSelector("#table-bg-examination tr[data-line='bg-examination-exp-operations']"));
        assertThat(operations.findElement(By.cssSelector(".line-name")).getText()).isEqualTo("業務経費");
        assertThat(operations.findElement(By.cssSelector(".budget")).getText()).isEqualTo("5,486");
        assertThat(operations.findElement(By.cssSelector(".actual")).getText()).isEqualTo("1,380");
        assertThat(operations.findElement(By.cssSelector(".execution")).getText()).matches("25\\.[12] %");
        assertThat(operations.findElement(By.cssSelector(".expected")).getText()).isEqualTo("1,371.5");
        assertThat(operations.findElement(By.cssSelector(".projected")).getText()).isEqualTo("5,520");
        assertThat(operations.findElement(By.cssSelector(".variance")).getText()).isEqualTo("+0.6 %");
        assertThat(operations.findElement(By.cssSelector(".status-cell")).getText()).contains("○").contains("予算どおり");

        // 総表 収入 計: printed 29,460, its lines add up to 29,459 — both shown, the total marked as one.
        WebElement revenueTotal = driver.findElement(By.cssSelector("#table-bg-total tr[data-line='bg-total-rev-total']"));
        assertThat(revenueTotal.getAttribute("data-total")).isEqualTo("true");
        assertThat(revenueTotal.getAttribute("class")).contains("total");
        assertThat(revenueTotal.findElement(By.cssSelector(".line-name")).getText()).contains("Σ").contains("計");
        assertThat(revenueTotal.findElement(By.xpath("ancestor::tbody")).getAttribute("data-side")).isEqualTo("REVENUE");
        assertThat(revenueTotal.findElement(By.xpath("ancestor::tbody/tr[contains(@class,'side-head')]")).getText())
                .isEqualTo("収入");
        WebElement budget = revenueTotal.findElement(By.cssSelector(".budget"));
        assertThat(budget.getText()).startsWith("29,460").contains("内訳計 29,459");
        assertThat(budget.getCssValue("font-weight")).as("a total in bold").isIn("700", "bold");
        // The examination account's 計 of its expenditure adds up 1,380 + 75.
        assertThat(driver.findElement(By.cssSelector("#table-bg-examination tr[data-line='bg-examination-exp-total'] .actual"))
                .getText()).isEqualTo("1,455");
        assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
    }

    @Test
    void theChartOfALineHasItsNumbersAsText() {
        open("/budget.html?fiscalYear=2024&lang=ja");
        JsonPath report = variance();
        // By default the chart shows the first drifting line that has actuals.
        String first = report.getList("drifting", String.class).stream().filter(code -> !months(report, code).isEmpty())
                .findFirst().orElseThrow();
        WebElement chart = chart(first);
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        assertThat(chart.getAttribute("aria-label")).contains("予算額").contains("2024年6月までの累計実績");
        assertThat(number(cumulativeOf("2024-06"))).as("June's actual to date of %s", first)
                .isEqualByComparingTo(juneCumulative(report, first));

        // Choosing 一般管理費 in the drifting list puts it on the chart: 20 + 25 + 30 = 75 by June against 192.
        driftingRow("bg-examination-exp-admin").findElement(By.cssSelector("button.line-pick")).click();
        chart = chart("bg-examination-exp-admin");
        assertThat(new Select(driver.findElement(By.id("line-select"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("bg-examination-exp-admin");
        assertThat(chart.getAttribute("aria-label")).contains("一般管理費").contains("予算額 192 百万円")
                .contains("2024年6月までの累計実績 75 百万円").contains("年度末見込み 300 百万円").contains("+56.3 %");
        WebElement table = driver.findElement(By.id("chart-table"));
        assertThat(table.isDisplayed()).as("the numbers are visible beside the chart").isTrue();
        assertThat(table.findElement(By.tagName("caption")).getText()).contains("一般管理費");
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-month")).hasSize(12).startsWith("2024-04", "2024-05", "2024-06")
                .endsWith("2025-03");
        assertThat(cumulativeOf("2024-04")).isEqualTo("20");
        assertThat(cumulativeOf("2024-05")).isEqualTo("45");
        assertThat(cumulativeOf("2024-06")).isEqualTo("75");
        assertThat(cumulativeOf("2024-07")).isEqualTo("—");
        assertThat(table.findElement(By.cssSelector("tr[data-month='2024-06'] .linear")).getText()).isEqualTo("48");
        assertThat(table.findElement(By.cssSelector("tfoot tr[data-row='budget'] .budget")).getText()).isEqualTo("192");
        assertThat(table.findElement(By.cssSelector("tfoot tr[data-row='projected'] .projected")).getText()).isEqualTo("300");
        // The picture draws the same numbers: June's actual to date and the year's budget as a horizontal line.
        assertThat(new BigDecimal(String.valueOf(browser.js("""
                return echarts.getInstanceByDom(document.getElementById('budget-chart')).getOption().series[1].data[2];"""))))
                .isEqualByComparingTo("75");
        assertThat(new BigDecimal(String.valueOf(browser.js("""
                return echarts.getInstanceByDom(document.getElementById('budget-chart')).getOption().series[1].markLine.data[0].yAxis;"""))))
                .isEqualByComparingTo("192");
        assertThat(chart.findElement(By.tagName("canvas")).getSize().getWidth()).isGreaterThan(300);
        assertThat(driver.getCurrentUrl()).contains("line=bg-examination-exp-admin");
        assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
    }

    @Test
    void everyStatusIsWrittenInWordsWithAShape() {
        open("/budget.html?fiscalYear=2024&lang=ja");
        browser.js("document.querySelectorAll('details').forEach(d => d.open = true);");
        Map<String, String> words = Map.of("NO_ACTUALS", "実績なし", "ON_BUDGET", "予算どおり", "DRIFTING", "乖離",
                "NO_BALANCE", "残高の報告なし", "BELOW", "限度額の範囲内", "WARNING", "限度額に接近", "REACHED", "限度額に到達");
        // Every badge on the page (a few hundred: one per line of the 30 tables), read in one go.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> badges = (List<Map<String, Object>>) browser.js("""
                return [...document.querySelectorAll('#budget .badge')].map((b) => ({
                    state: b.dataset.state, icon: b.querySelector('.icon').innerText.trim(),
                    word: b.innerText.replace(b.querySelector('.icon').innerText, '').trim(),
                    shown: b.getClientRects().length > 0 }));""");
        assertThat(badges).hasSizeGreaterThan(300);
        for (Map<String, Object> badge : badges) {
            Object state = badge.get("state");
            assertThat(badge.get("shown")).as("%s shown", state).isEqualTo(true);
            assertThat(String.valueOf(badge.get("icon"))).as("the shape of %s", state).isNotBlank();
            assertThat(badge.get("word")).as("the word of %s", state).isEqualTo(words.get(String.valueOf(state)));
        }
        // The borrowing balance 2,500 of 3,000 (83.3 %) is near the limit.
        WebElement ceiling = driver.findElement(By.id("ceiling"));
        assertThat(ceiling.getAttribute("data-status")).isEqualTo("WARNING");
        assertThat(ceiling.findElement(By.cssSelector(".badge")).getText()).contains("△").contains("限度額に接近");
        assertThat(ceiling.findElement(By.cssSelector("[data-fact='balance']")).getText()).startsWith("2,500 百万円");
        assertThat(ceiling.findElement(By.cssSelector("[data-fact='limit']")).getText()).isEqualTo("3,000 百万円");
        assertThat(ceiling.findElement(By.cssSelector("[data-fact='used']")).getText()).isEqualTo("83.3 %");
        assertThat(ceiling.findElement(By.cssSelector("[role='meter']")).getAttribute("aria-valuetext")).contains("限度額に接近");
    }

    @Test
    void theEnglishSwitchChangesHeadingsColumnsAndStatuses() {
        open("/budget.html?fiscalYear=2024&lang=ja");
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("予算執行状況");
        driver.findElement(By.id("lang-toggle")).click();
        new WebDriverWait(driver, WAIT).until(d -> "Budget against actuals".equals(d.findElement(By.id("title")).getText()));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElement(By.id("drifting-title")).getText()).contains("Drifting lines");
        assertThat(driver.findElement(By.id("annexes-title")).getText()).isEqualTo("Annex tables");
        assertThat(driver.findElements(By.cssSelector("#annexes .kind-title")).stream().map(WebElement::getText))
                .containsExactly("Budget (annex 1)", "Income and expenditure plan (annex 2)", "Cash-flow plan (annex 3)");
        assertThat(driver.findElements(By.cssSelector("#table-bg-examination thead th")).stream().map(WebElement::getText))
                .containsExactly("Line", "Budget", "Actual", "Execution rate", "Expected to date", "Projected year end",
                        "Variance", "Status");
        WebElement admin = driftingRow("bg-examination-exp-admin");
        assertThat(admin.findElement(By.cssSelector(".table-name")).getText()).isEqualTo("Budget (examination account)");
        assertThat(admin.findElement(By.cssSelector(".line-name")).getText()).isEqualTo("General administrative expenses");
        assertThat(admin.findElement(By.cssSelector(".status-cell")).getText()).contains("Drifting");
        assertThat(driver.findElement(By.cssSelector("#table-bg-examination tr[data-line='bg-examination-exp-operations'] .status-cell"))
                .getText()).contains("On budget");
        assertThat(driver.findElement(By.cssSelector("#ceiling .badge")).getText()).contains("Near the limit");
        assertThat(driver.findElement(By.cssSelector("#table-bg-total tr[data-line='bg-total-rev-total'] .budget")).getText())
                .contains("Sum of parts 29,459");
        assertThat(driver.findElement(By.id("chart-title")).getText()).contains("against the budget");
        assertThat(driver.findElement(By.id("nav-dashboard")).getText()).isEqualTo("Indicator dashboard");
        assertThat(driver.getCurrentUrl()).contains("lang=en");
        driver.findElement(By.id("lang-toggle")).click();
        new WebDriverWait(driver, WAIT).until(d -> "予算執行状況".equals(d.findElement(By.id("title")).getText()));
        assertThat(driver.findElement(By.id("drifting-title")).getText()).contains("乖離している行");
    }

    @Test
    void everyTextOnThePageHasAContrastOfAtLeast4Point5() {
        open("/budget.html?fiscalYear=2024&lang=ja");
        browser.js("document.querySelectorAll('details').forEach(d => d.open = true);");
        List<Map<String, Object>> texts = browser.contrast();
        assertThat(texts).as("text elements measured").hasSizeGreaterThan(500);
        // The statuses (badges and their words), the drifting rates, the totals and the notes were among them.
        assertThat(texts).extracting(t -> String.valueOf(t.get("what"))).anyMatch(w -> w.startsWith("span.badge.line-DRIFTING"))
                .anyMatch(w -> w.startsWith("span.badge.line-ON_BUDGET")).anyMatch(w -> w.startsWith("span.badge.ceiling-WARNING"))
                .anyMatch(w -> w.startsWith("span.parts-note")).anyMatch(w -> w.startsWith("td.num.variance"))
                .anyMatch(w -> w.startsWith("button.line-pick")).anyMatch(w -> w.startsWith("h1"));
        assertThat(texts).filteredOn(t -> ((Number) t.get("ratio")).doubleValue() < 4.5)
                .as("text below 4.5:1 (WCAG 2.1 AA)").isEmpty();
        // The English page too.
        driver.findElement(By.id("lang-toggle")).click();
        new WebDriverWait(driver, WAIT).until(d -> "Budget against actuals".equals(d.findElement(By.id("title")).getText()));
        browser.js("document.querySelectorAll('details').forEach(d => d.open = true);");
        List<Map<String, Object>> english = browser.contrast();
        assertThat(english).filteredOn(t -> ((Number) t.get("ratio")).doubleValue() < 4.5)
                .as("text below 4.5:1 (WCAG 2.1 AA), English").isEmpty();
    }

    @Test
    void theDashboardLinksToTheBudgetWithTheSameSignInAndAYearWithoutBudgetSaysSo() {
        driver.get(suite.url(SuiteServices.REPORTING) + "/?lang=ja#token=" + suite.token(LocalTokens.VIEWER));
        browser.wait("the dashboard's cards", () -> driver.findElements(By.cssSelector("#indicators > .card")).isEmpty() ? null : true);
        driver.findElement(By.id("nav-budget")).click();
        browser.wait("the budget page", () -> "true".equals(browser.js("return document.body.dataset.budgetReady")) ? true : null);
        assertThat(driver.getCurrentUrl()).contains("/budget.html");
        assertThat(driver.findElement(By.id("signin")).isDisplayed()).as("signed in with the dashboard's token").isFalse();
        // The default is the current fiscal year (April to March).
        LocalDate today = LocalDate.now();
        int current = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
        Select year = new Select(driver.findElement(By.id("fiscal-year")));
        assertThat(year.getFirstSelectedOption().getAttribute("value")).isEqualTo(String.valueOf(current));
        if (current != 2024) {
            assertNoBudget(current);
        }
        year.selectByValue("2024");
        browser.wait("the FY2024 report", () -> driver.findElements(By.cssSelector("#drifting-lines tr[data-line]")).isEmpty() ? null : true);
        assertThat(driver.findElement(By.id("message")).isDisplayed()).isFalse();

        year.selectByValue("2023"); // no budget loaded for FY2023
        assertNoBudget(2023);
        assertThat(browser.consoleErrors()).as("errors in the browser console").allMatch(e -> e.contains("404"));
    }

    @Test
    void withoutATokenThePageAsksForOne() {
        driver.get(suite.url(SuiteServices.REPORTING) + "/budget.html?fiscalYear=2024&lang=en");
        browser.js("sessionStorage.clear()");
        driver.navigate().refresh();
        WebElement reason = browser.wait("the sign-in form", () -> driver.findElement(By.id("signin")).isDisplayed()
                ? driver.findElement(By.id("signin-reason")) : null);
        assertThat(reason.getText()).contains("Please sign in");
        assertThat(driver.findElements(By.cssSelector("#budget > *"))).isEmpty();
        driver.findElement(By.id("token")).sendKeys(suite.token(LocalTokens.VIEWER));
        driver.findElement(By.id("signin-button")).click();
        browser.wait("the drifting lines", () -> driver.findElements(By.cssSelector("#drifting-lines tr[data-line]")).isEmpty() ? null : true);
        assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static JsonPath variance() {
        return suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).get("/api/v1/budgets/2024/variance").then()
                .statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> months(JsonPath report, String code) {
        return (List<Map<String, Object>>) BudgetActuals.line(report, code).get("months");
    }

    private static BigDecimal juneCumulative(JsonPath report, String code) {
        return months(report, code).stream().filter(m -> String.valueOf(m.get("month")).compareTo("2024-06") <= 0)
                .map(m -> new BigDecimal(String.valueOf(m.get("actual")))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void assertNoBudget(int fiscalYear) {
        WebElement message = browser.wait("the message that FY" + fiscalYear + " has no budget", () -> {
            WebElement box = driver.findElement(By.id("message"));
            return box.isDisplayed() && "not-found".equals(box.getAttribute("data-kind")) ? box : null;
        });
        assertThat(message.getText()).contains(fiscalYear + "年度の予算はまだ登録されていません");
        assertThat(driver.findElements(By.cssSelector("#budget > *"))).as("no stale report below the message").isEmpty();
    }

    /** The page with a viewer token in the fragment, as make run prints the address, once the report is drawn. */
    private static void open(String path) {
        // From a blank page: the same address with only a new fragment would not load the page again.
        driver.get("about:blank");
        driver.get(suite.url(SuiteServices.REPORTING) + path + "#token=" + suite.token(LocalTokens.VIEWER));
        browser.wait("the budget report", () -> "true".equals(browser.js("return document.body.dataset.budgetReady"))
                && !driver.findElements(By.id("overview")).isEmpty() ? true : null);
        assertThat(driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token=");
    }

    private static WebElement driftingRow(String code) {
        return driver.findElement(By.cssSelector("#drifting-lines tr[data-line='" + code + "']"));
    }

    private static String fact(String key) {
        return driver.findElement(By.cssSelector("#overview [data-fact='" + key + "']")).getText();
    }

    /** The chart once drawn for the line. */
    private static WebElement chart(String code) {
        return browser.wait("the chart of " + code, () -> {
            List<WebElement> found = driver.findElements(By.cssSelector("#budget-chart[data-chart='ok'][data-line='" + code + "']"));
            return found.isEmpty() || found.get(0).findElements(By.tagName("canvas")).isEmpty() ? null : found.get(0);
        });
    }

    private static String cumulativeOf(String month) {
        return driver.findElement(By.cssSelector("#chart-table tr[data-month='" + month + "'] .cumulative")).getText();
    }

    /** A number as the page writes it (1,380; −15.7; — for none). */
    private static BigDecimal number(String text) {
        String digits = text.replace(",", "").replace("−", "-").trim();
        return digits.isEmpty() || digits.equals("—") ? null : new BigDecimal(digits);
    }
}
