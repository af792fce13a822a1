package org.kpisuite.reporting.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.kpisuite.reporting.service.ProgressService.IndicatorProgress;

/** Groups indicators' progress by plan chapter, section and item, and the core targets (基幹目標). */
public final class Rollups {

    public record Rollup(String level, String code, String nameJa, String nameEn, int indicators, int rated,
            Map<ProgressStatus, Integer> byStatus, Map<String, Integer> byGrade,
            @Schema(nullable = true) BigDecimal averageAchievementRate) {
    }

    private Rollups() {
    }

    public static List<Rollup> of(List<IndicatorProgress> progress) {
        List<Rollup> rollups = new ArrayList<>();
        List<IndicatorProgress> core = progress.stream().filter(p -> p.indicator().coreTarget()).toList();
        rollups.add(rollup("CORE", "core", "基幹目標", "Core targets", core));
        rollups.addAll(grouped("CHAPTER", progress, p -> p.place().chapterCode(), p -> p.place().chapterNameJa(),
                p -> p.place().chapterNameEn()));
        rollups.addAll(grouped("SECTION", progress, p -> p.place().sectionCode(), p -> p.place().sectionNameJa(),
                p -> p.place().sectionNameEn()));
        rollups.addAll(grouped("ITEM", progress, p -> p.place().planItemCode(), p -> p.place().planItemNameJa(),
                p -> p.place().planItemNameEn()));
        return rollups;
    }

    private static List<Rollup> grouped(String level, List<IndicatorProgress> progress,
            Function<IndicatorProgress, String> code, Function<IndicatorProgress, String> nameJa,
            Function<IndicatorProgress, String> nameEn) {
        Map<String, List<IndicatorProgress>> groups = new TreeMap<>();
        progress.stream().filter(p -> code.apply(p) != null)
                .forEach(p -> groups.computeIfAbsent(code.apply(p), k -> new ArrayList<>()).add(p));
        return groups.entrySet().stream().map(g -> rollup(level, g.getKey(), nameJa.apply(g.getValue().get(0)),
                nameEn.apply(g.getValue().get(0)), g.getValue())).toList();
    }

    private static Rollup rollup(String level, String code, String nameJa, String nameEn, List<IndicatorProgress> group) {
        Map<ProgressStatus, Integer> byStatus = new EnumMap<>(ProgressStatus.class);
        Map<String, Integer> byGrade = new LinkedHashMap<>();
        BigDecimal rates = BigDecimal.ZERO;
        int rated = 0;
        for (IndicatorProgress p : group) {
            byStatus.merge(p.progress().status(), 1, Integer::sum);
            if (p.progress().grade() != null) {
                byGrade.merge(p.progress().grade(), 1, Integer::sum);
            }
            if (p.progress().achievementRate() != null) {
                rates = rates.add(p.progress().achievementRate());
                rated++;
            }
        }
        BigDecimal average = rated == 0 ? null
                : rates.divide(BigDecimal.valueOf(rated), MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
        return new Rollup(level, code, nameJa, nameEn, group.size(), rated, byStatus, byGrade, average);
    }
}
