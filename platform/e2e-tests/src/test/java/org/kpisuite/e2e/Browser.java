package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless browser of the dashboard's browser tests (DashboardBrowserTest, BudgetBrowserTest): Debian's chromium
 * driven through its chromedriver ({@code make test} installs both), with a profile of its own under
 * {@code platform/e2e-tests/target} that {@link #close()} deletes. Selenium Manager is never asked: the driver and the
 * browser are given, nothing is downloaded.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(60);

    private final Path profile;
    private final ChromeDriverService service;
    private final WebDriver driver;

    private Browser(Path profile, ChromeDriverService service, WebDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Both are there, before a test spends time loading data for a browser it cannot start. */
    static void assertInstalled() {
        assertThat(CHROMIUM).as("Debian's chromium (make test installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (make test installs it)").isExecutable();
    }

    /**
     * Chromium, headless, 1400×2400, in Japanese, with every message of the console kept; chromedriver logs to
     * {@code target/<log>}.
     */
    static Browser start(Path target, String log) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Files.createDirectories(target);
        Path profile = Files.createTempDirectory(target, "chromium-profile-");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(target.resolve(log).toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,2400", "--lang=ja-JP");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        WebDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        return new Browser(profile, service, driver);
    }

    WebDriver driver() {
        return driver;
    }

    /** The browser, its driver and its profile gone. */
    @Override
    public void close() throws IOException {
        driver.quit();
        service.stop();
        delete(profile);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /**
     * What an earlier test left: the language it chose and the token it signed in with (in the storage of the pages
     * of {@code origin}), its console messages.
     */
    void freshTab(String origin) {
        if (driver.getCurrentUrl().startsWith(origin)) {
            js("localStorage.clear(); sessionStorage.clear();");
        }
        consoleErrors();
    }

    /** The errors in the browser console since it was last read (reading empties it). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    <T> T wait(String what, Supplier<T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage("waiting for " + what).until(d -> condition.get());
    }

    /**
     * For every visible element with text of its own (and every enabled select): its text colour against what is
     * behind it, from computed styles, as {@code what} (the element's tag, classes and first words, or its
     * {@code data-probe}) and {@code ratio}. Semi-transparent backgrounds are laid over their ancestors'; a gradient
     * counts by its worst stop; opacity of the element and its ancestors fades the text. The ratio is WCAG 2.1's.
     * Left out: options and their groups, canvas and svg, what is hidden from screen readers (but for the shapes
     * beside a status word: .dot, .icon, .total-mark) and disabled controls.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> contrast() {
        return (List<Map<String, Object>>) js(CONTRAST_SCRIPT);
    }

    private static final String CONTRAST_SCRIPT = """
            const parse = (c) => {
                const m = /rgba?\\(([^)]+)\\)/.exec(c || '');
                if (!m) return null;
                const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
            };
            const over = (top, bottom) => {
                if (!top || top.a === 0) return bottom;
                const a = top.a + bottom.a * (1 - top.a);
                const mix = (x, y) => (x * top.a + y * bottom.a * (1 - top.a)) / a;
                return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
            };
            const lum = (c) => {
                const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
            };
            const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
            const backgrounds = (el) => {
                const chain = [];
                for (let n = el; n && n.nodeType === 1; n = n.parentElement) chain.unshift(n);
                let candidates = [{ r: 255, g: 255, b: 255, a: 1 }];
                for (const n of chain) {
                    const s = getComputedStyle(n);
                    const bg = parse(s.backgroundColor);
                    candidates = candidates.map((c) => over(bg, c));
                    const stops = (s.backgroundImage.match(/rgba?\\([^)]+\\)/g) || []).map(parse);
                    if (stops.length) candidates = stops.flatMap((g) => candidates.map((c) => over(g, c)));
                }
                return candidates;
            };
            const opacity = (el) => {
                let o = 1;
                for (let n = el; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity);
                return o;
            };
            const out = [];
            for (const el of document.querySelectorAll('body *')) {
                if (['SCRIPT', 'STYLE', 'OPTION', 'OPTGROUP', 'CANVAS', 'svg'].includes(el.tagName)) continue;
                if (el.closest('canvas, svg, [aria-hidden="true"]:not(.dot):not(.icon):not(.total-mark)')) continue;
                if (el.disabled || el.closest(':disabled')) continue;
                const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
                if (!ownText && el.tagName !== 'SELECT') continue;
                if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
                const fg = parse(getComputedStyle(el).color);
                const fade = opacity(el);
                let worst = Infinity;
                for (const bg of backgrounds(el)) {
                    const text = over({ ...fg, a: fg.a * fade }, bg);
                    worst = Math.min(worst, ratio(text, bg));
                }
                out.push({ what: el.dataset.probe || (el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).replace(/\\s+/g, '.') : '')
                    + ' "' + el.textContent.trim().slice(0, 30) + '"'), ratio: Math.round(worst * 100) / 100 });
            }
            return out;""";
}
