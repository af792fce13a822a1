package org.kpisuite.reporting.service;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.kpisuite.reporting.domain.PlanItemView;

/** Where an indicator's plan item sits in its plan's tree: its chapter (root) and section (second level). */
public final class PlanPlaces {

    public record Place(String planItemCode, String planItemNameJa, String planItemNameEn, String sectionCode, String sectionNameJa, String sectionNameEn,
            String chapterCode, String chapterNameJa, String chapterNameEn) {
        static final Place UNKNOWN = new Place(null, null, null, null, null, null, null, null, null);
    }

    private final Map<UUID, PlanItemView> items = new HashMap<>();

    private PlanPlaces() {
    }

    public static PlanPlaces load() {
        PlanPlaces places = new PlanPlaces();
        PlanItemView.<PlanItemView>listAll().forEach(item -> places.items.put(item.id, item));
        return places;
    }

    public Place of(UUID planItemId) {
        PlanItemView item = planItemId == null ? null : items.get(planItemId);
        if (item == null) {
            return Place.UNKNOWN;
        }
        PlanItemView section = null;
        PlanItemView chapter = item;
        // Bounded walk: a cycle cannot come from plan-service, but a half-replayed read model should not hang.
        for (int depth = 0; depth < 32 && chapter.parentId != null && items.containsKey(chapter.parentId); depth++) {
            section = chapter;
            chapter = items.get(chapter.parentId);
        }
        return new Place(item.code, item.nameJa, item.nameEn, section == null ? null : section.code, section == null ? null : section.nameJa,
                section == null ? null : section.nameEn, chapter.code, chapter.nameJa, chapter.nameEn);
    }
}
