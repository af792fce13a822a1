package org.kpisuite.plan.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.events.MeasureEvent.Status;
import org.kpisuite.plan.domain.Commentary;
import org.kpisuite.plan.domain.Measure;
import org.kpisuite.plan.domain.Milestone;
import org.kpisuite.plan.domain.PlanItem;

@Schema(description = "A measure or important initiative with its milestones and the latest commentary of each period")
public record MeasureResponse(
        @Schema(example = "7d1f6a0e-3c55-4b8e-a1f2-5e9c0d2b4a61") UUID id,
        @Schema(example = "IPA-FY2024") String planCode,
        @Schema(example = "I.2.(3-1).1") String code,
        @Schema(example = "MEASURE") Kind kind,
        UUID planItemId,
        @Schema(example = "I.2.(3-1)", nullable = true) String planItemCode,
        @Schema(description = "For a lettered sub-measure, the measure it belongs to", nullable = true) UUID parentId,
        @Schema(nullable = true, example = "①") String marker,
        @Schema(nullable = true) String titleJa,
        @Schema(example = "春期試験（４月）、秋期試験（１０月）並びにＣＢＴ方式による試験を着実に実施する。") String textJa,
        @Schema(nullable = true, example = "Hold the spring (April), autumn (October) and CBT examinations") String nameEn,
        @Schema(example = "digital-talent") String department,
        @Schema(example = "1") int sortOrder,
        @Schema(description = "An initiative's items, by code", example = "[]") List<String> concerns,
        @Schema(example = "ON_TRACK") Status status,
        List<MilestoneResponse> milestones,
        @Schema(description = "The latest revision of each review period that has one") List<CommentaryResponse> commentary,
        @Schema(description = "Grows with every change; events carry it", example = "3") long version,
        @Schema(example = "2024-10-07T01:30:00Z") Instant updatedAt,
        @Schema(description = "Who made the last change (the token's subject)", example = "admin@ipa.go.jp") String changedBy) {

    /** The responses of many measures, with three queries whatever their number. */
    static List<MeasureResponse> of(List<Measure> measures, LocalDate today) {
        List<UUID> ids = measures.stream().map(m -> m.id).toList();
        Map<UUID, List<MilestoneResponse>> milestones = new HashMap<>();
        for (Milestone m : Milestone.ofAll(ids)) {
            milestones.computeIfAbsent(m.measureId, k -> new java.util.ArrayList<>()).add(MilestoneResponse.of(m, today));
        }
        Map<UUID, List<CommentaryResponse>> commentary = new HashMap<>();
        for (Commentary c : Commentary.latestOf(ids)) {
            commentary.computeIfAbsent(c.measureId, k -> new java.util.ArrayList<>()).add(CommentaryResponse.of(c));
        }
        Map<UUID, String> itemCodes = new HashMap<>();
        List<UUID> itemIds = measures.stream().map(m -> m.planItemId).distinct().toList();
        if (!itemIds.isEmpty()) {
            PlanItem.<PlanItem>list("id in ?1", itemIds).forEach(i -> itemCodes.put(i.id, i.code));
        }
        return measures.stream().map(m -> new MeasureResponse(m.id, m.planCode, m.code, m.kind, m.planItemId,
                itemCodes.get(m.planItemId), m.parentId, m.marker, m.titleJa, m.textJa, m.nameEn, m.department,
                m.sortOrder, Arrays.asList(m.concerns), m.status, milestones.getOrDefault(m.id, List.of()),
                commentary.getOrDefault(m.id, List.of()), m.version, m.updatedAt, m.changedBy)).toList();
    }

    static MeasureResponse of(Measure measure, LocalDate today) {
        return of(List.of(measure), today).get(0);
    }
}
