package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The self-evaluation report of a fiscal year as of a date: what the agency files. The summary of every evaluation
 * item's grades comes first, then each item with its indicators, measures and initiatives, and the revisions every
 * figure rests on. Built by {@link EvaluationService#report}; written out by {@link EvaluationWorkbook} and
 * {@link EvaluationPdf}.
 *
 * @param recordedBy what was recorded by this instant is in the report: the end of asOf, or now for today
 */
@Schema(name = "EvaluationReport")
public record EvaluationReport(
        @Schema(example = "IPA-FY2024") String planCode,
        @Schema(example = "独立行政法人情報処理推進機構令和６年度計画") String planNameJa,
        @Schema(nullable = true) String planNameEn,
        @Schema(example = "2024") int fiscalYear,
        @Schema(example = "2025-06-20") LocalDate asOf,
        Instant recordedBy,
        @Schema(description = "The language of the headings and of the names where the plan has both") Language language,
        @Schema(description = "true: the figures rest on approved values alone (official=true)") boolean official,
        @Schema(description = "Items per recorded self-evaluation grade (S–D; NONE: not yet graded)",
                example = "{\"A\":2,\"B\":9,\"NONE\":1}") Map<String, Integer> gradeCounts,
        List<Item> items,
        @Schema(description = "The revision behind every monthly figure of the report's indicators") List<Revision> revisions) {

    public enum Language {
        JA, EN
    }

    @Schema(name = "EvaluationItem", description = "An evaluation item: its proposal, its grades and what they rest on")
    public record Item(
            @Schema(example = "I.2") String code,
            String nameJa,
            @Schema(nullable = true) String nameEn,
            @Schema(nullable = true, example = "B", description = "Proposed from the rated indicators' achievement; "
                    + "null when the item has none") String proposedGrade,
            @Schema(nullable = true, example = "1.0833", description = "The mean achievement the proposal rests on")
            BigDecimal meanAchievement,
            @Schema(nullable = true) SelfEvaluation self,
            @Schema(nullable = true) MinisterEvaluation minister,
            List<Indicator> indicators,
            @Schema(description = "Measures and initiatives per status", example = "{\"ON_TRACK\":12,\"DONE\":3}")
            Map<String, Integer> measureStatuses,
            List<Measure> measures) {
    }

    @Schema(name = "SelfEvaluation")
    public record SelfEvaluation(
            @Schema(example = "A") String grade,
            @Schema(nullable = true) String rationale,
            @Schema(nullable = true, example = "B", description = "The proposal when the grade was recorded")
            String proposedGrade,
            long version,
            Instant recordedAt,
            String recordedBy) {
    }

    @Schema(name = "MinisterEvaluation")
    public record MinisterEvaluation(
            @Schema(example = "B") String grade,
            @Schema(nullable = true) String comment,
            long version,
            Instant recordedAt,
            String recordedBy) {
    }

    @Schema(name = "EvaluationIndicator")
    public record Indicator(
            @Schema(example = "manabi-dx-accesses") String code,
            String nameJa,
            @Schema(nullable = true) String nameEn,
            @Schema(nullable = true) String unit,
            boolean coreTarget,
            boolean referenceOnly,
            @Schema(nullable = true) BigDecimal target,
            @Schema(nullable = true) BigDecimal actual,
            @Schema(nullable = true) BigDecimal achievementRate,
            @Schema(nullable = true, example = "B") String grade,
            int monthsReported) {
    }

    @Schema(name = "EvaluationMeasure", description = "A measure or initiative with its status and latest commentary")
    public record Measure(
            @Schema(example = "I.2.(3-1).1") String code,
            @Schema(example = "MEASURE", description = "MEASURE or INITIATIVE") String kind,
            @Schema(nullable = true, example = "①") String marker,
            @Schema(nullable = true) String titleJa,
            String textJa,
            @Schema(nullable = true) String nameEn,
            @Schema(nullable = true, example = "ON_TRACK") String status,
            @Schema(nullable = true, example = "FY", description = "The review period of the latest commentary")
            String commentaryPeriod,
            @Schema(nullable = true) String done,
            @Schema(nullable = true) String problems,
            @Schema(nullable = true) String nextSteps) {
    }

    @Schema(name = "EvaluationRevision", description = "A value in force as of the report's date, as recorded")
    public record Revision(
            @Schema(example = "manabi-dx-accesses") String indicatorCode,
            @Schema(example = "2024-05") String period,
            @Schema(example = "value") String component,
            @Schema(example = "", description = "The breakdown value; empty when none") String breakdown,
            @Schema(example = "digital-talent") String department,
            @Schema(example = "2") int revision,
            BigDecimal value,
            Instant recordedAt,
            @Schema(example = "APPROVED", description = "APPROVED, RETURNED or PROVISIONAL: the latest review step on "
                    + "this revision by then") String approval) {
    }
}
