package org.kpisuite.plan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kpisuite.problem.ProblemException;

class MeasureRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 2, 10);

    @Test
    void aDoneDateLiesBetweenTheStartOfThePlansYearAndToday() {
        assertThatCode(() -> MeasureRules.checkDone("doneOn", LocalDate.of(2024, 4, 1), 2024, TODAY)).doesNotThrowAnyException();
        assertThatCode(() -> MeasureRules.checkDone("doneOn", TODAY, 2024, TODAY)).doesNotThrowAnyException();
        assertThatCode(() -> MeasureRules.checkDone("doneOn", null, 2024, TODAY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> MeasureRules.checkDone("doneOn", LocalDate.of(2024, 3, 31), 2024, TODAY))
                .isInstanceOf(ProblemException.class).hasMessageContaining("doneOn").hasMessageContaining("2024-04-01");
        assertThatThrownBy(() -> MeasureRules.checkDone("doneOn", TODAY.plusDays(1), 2024, TODAY))
                .hasMessageContaining("future");
        // late delivery, in the next fiscal year, is a fact like any other
        assertThatCode(() -> MeasureRules.checkDone("doneOn", LocalDate.of(2025, 4, 2), 2024, LocalDate.of(2025, 5, 1)))
                .doesNotThrowAnyException();
    }

    @Test
    void aDueDateIsNotBeforeThePlansYear() {
        assertThatCode(() -> MeasureRules.checkDue("due", LocalDate.of(2025, 3, 31), 2024)).doesNotThrowAnyException();
        assertThatCode(() -> MeasureRules.checkDue("due", LocalDate.of(2027, 3, 31), 2024)).doesNotThrowAnyException();
        assertThatThrownBy(() -> MeasureRules.checkDue("due", LocalDate.of(2024, 3, 31), 2024)).hasMessageContaining("due");
        assertThatThrownBy(() -> MeasureRules.checkDue("due", LocalDate.of(9999, 1, 1), 2024)).hasMessageContaining("due");
    }

    @Test
    void evidenceIsAnAbsoluteHttpLink() {
        assertThat(MeasureRules.linkViolation("https://www.ipa.go.jp/shiken/")).isNull();
        assertThat(MeasureRules.linkViolation("HTTP://example.org/a?b=c#d")).isNull();
        for (String bad : List.of("javascript:alert(1)", "/relative/path", "ftp://example.org/x", "https://", "http:///x",
                "https://exa mple.org", "data:text/html,hi", "", " ")) {
            assertThat(MeasureRules.linkViolation(bad)).as(bad).isNotNull();
        }
        assertThatThrownBy(() -> MeasureRules.checkEvidence("evidence", List.of("https://a.example", "mailto:x@y")))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("evidence[1]");
    }

    @Test
    void anInternationalisedHostIsAHostButCredentialsAreNot() {
        for (String good : List.of("https://例え.jp/", "https://例え.jp/パス?q=値#節", "http://münchen.example:8080/x",
                "https://xn--r8jz45g.jp/", "https://[2001:db8::1]/x")) {
            assertThat(MeasureRules.linkViolation(good)).as(good).isNull();
        }
        for (String bad : List.of("https://user:pass@example.org/", "https://www.ipa.go.jp@evil.example/",
                "https://user@例え.jp/", "javascript://例え.jp/%0aalert(1)", "ftp://例え.jp/", "https://例 え.jp/",
                "https://例え.jp:x/", "https://%65xample.org/", "https://例え_.jp/", "\u200b")) {
            assertThat(MeasureRules.linkViolation(bad)).as(bad).isNotNull();
        }
    }

    @Test
    void invisibleCharactersAreBlank() {
        for (String blank : List.of("\u200b", "\u200c\u200d", "\u2060", "\ufeff", " \u3000\u00a0\u200b\n")) {
            assertThat(org.kpisuite.problem.TextRules.blank(blank)).as(blank).isTrue();
            assertThat(MeasureRules.text(blank)).isNull();
        }
        assertThat(org.kpisuite.problem.TextRules.blank("\u200b着手")).isFalse();
        assertThatThrownBy(() -> MeasureRules.checkCommentary(new CommentaryRequest("\u200b", "\ufeff", "\u2060", null,
                null))).hasMessageStartingWith("done");
    }

    @Test
    void aNewMilestoneTakesTheFirstFreeNumber() {
        assertThat(MeasureRules.nextMilestoneCode("I.1.IMP2", Set.of())).isEqualTo("I.1.IMP2.M1");
        assertThat(MeasureRules.nextMilestoneCode("I.1.IMP2", Set.of("I.1.IMP2.M1", "I.1.IMP2.M3")))
                .isEqualTo("I.1.IMP2.M2");
    }

    @Test
    void aCommentaryNeedsSomeText() {
        assertThatThrownBy(() -> MeasureRules.checkCommentary(new CommentaryRequest(" ", null, "", List.of(), null)))
                .hasMessageStartingWith("done");
        assertThatCode(() -> MeasureRules.checkCommentary(new CommentaryRequest(null, "遅延", null, null, null)))
                .doesNotThrowAnyException();
    }
}
