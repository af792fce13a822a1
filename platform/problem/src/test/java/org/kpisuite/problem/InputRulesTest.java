package org.kpisuite.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared rules for text, numbers and URLs, without a service around them. */
class InputRulesTest {

    @ParameterizedTest
    @ValueSource(strings = { "a\u0000b", "\u0000", "\ud800", "x\udc00", "\ud83d", "\udc00\ud800" })
    void textThatCannotBeStoredIsNamed(String text) {
        assertThat(TextRules.violation(text)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({ "1.0000000, 1", "0e999999999, 0", "1.2e3, 1200", "-0.500, -0.5", "100, 100" })
    void aNumberThatFitsIsKeptAsTheColumnHoldsIt(String text, String plain) {
        assertThat(ColumnNumbers.fits(new java.math.BigDecimal(text))).isTrue();
        assertThat(ColumnNumbers.plain(new java.math.BigDecimal(text)).toString()).isEqualTo(plain);
    }

    @org.junit.jupiter.api.Test
    void aNumberThatDoesNotFitIsNeverExpanded() {
        java.math.BigDecimal huge = new java.math.BigDecimal("1e999999999");
        assertThat(ColumnNumbers.fits(huge)).isFalse();
        assertThat(ColumnNumbers.plain(huge)).isSameAs(huge);
        assertThat(TextRules.blank("\u200b\u3000\ufeff \t")).isTrue();
        assertThat(TextRules.blank("\u200ba")).isFalse();
        assertThat(TextRules.blank(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "アクセス数", "😀 emoji (a surrogate pair)", "tab\tand\nnewline" })
    void ordinaryTextPasses(String text) {
        assertThat(TextRules.violation(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({ "162000, true", "-5.5, true", "999999999999999999.999999, true", "1000000000000000000, false",
            "9e18, false", "1e400, false", "0.0000001, false", "1e-400, false", "1.50000000, true" })
    void numbersFitTheColumnOrNot(String text, boolean fits) {
        ColumnNumbers.Parsed parsed = ColumnNumbers.parse(text);
        assertThat(parsed.value() != null).as(text).isEqualTo(fits);
        assertThat(ColumnNumbers.fits(new BigDecimal(text))).isEqualTo(fits);
    }

    @Test
    void hugeNumbersAreRefusedInLinearTime() {
        long start = System.nanoTime();
        for (String text : new String[] { "9".repeat(400_000), "1".repeat(1_000_000), "1e" + "9".repeat(1_000_000) }) {
            assertThat(ColumnNumbers.parse(text).reason()).contains("characters");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @CsvSource({
            "http://evil.example/api/v1/plans/p, , /api/v1/plans/p",
            "http://evil.example:8443/x?a=1&b=%20, , /x?a=1&b=%20",
            "http://evil.example/x?cursor=abc, https://kpi.example.org, https://kpi.example.org/x?cursor=abc",
            "http://evil.example/x, https://kpi.example.org/reporting/, https://kpi.example.org/reporting/x" })
    void urlsAreRebasedOnTheConfiguredBaseOrMadePaths(String given, String base, String expected) {
        PublicUrls urls = new PublicUrls();
        urls.publicBaseUrl = Optional.ofNullable(base).map(URI::create);
        assertThat(urls.rebase(URI.create(given))).hasToString(expected);
    }

    @Test
    void forwardedUrlsAreNeverTrustedWithoutAListOfTrustedProxies() {
        PublicUrls urls = new PublicUrls();
        urls.proxyForwarding = true;
        urls.trustedProxyHeader = true;
        // Forwarding on without trusted proxies would trust every client: the request is not even asked.
        urls.trustedProxies = Optional.empty();
        assertThat(urls.fromTrustedProxy(null)).isFalse();
        urls.trustedProxies = Optional.of(java.util.List.of());
        assertThat(urls.fromTrustedProxy(null)).isFalse();
        // Without Quarkus' verdict header a client could claim it is trusted itself.
        urls.trustedProxies = Optional.of(java.util.List.of("10.0.0.0/8"));
        urls.trustedProxyHeader = false;
        assertThat(urls.fromTrustedProxy(null)).isFalse();
        urls.trustedProxyHeader = true;
        urls.proxyForwarding = false;
        assertThat(urls.fromTrustedProxy(null)).isFalse();
    }
}
