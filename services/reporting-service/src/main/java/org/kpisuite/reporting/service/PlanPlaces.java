package org.kpisuite.reporting.service;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.kpisuite.reporting.domain.PlanItemView;

/**
 * Where an indicator's plan item sits in its plan's tree: its chapter (root) and section (second level). An
 * immutable snapshot of the plan items, shared between requests by {@link PlanPlacesCache}.
 */
public final class PlanPlaces {

    public record Place(String planItemCode, String planItemNameJa, String planItemNameEn, String sectionCode, String sectionNameJa, String sectionNameEn,
            String chapterCode, String chapterNameJa, String chapterNameEn) {
        static final Place UNKNOWN = new Place(null, null, null, null, null, null, null, null, null);
    }

    /** What a place needs of a plan item, copied out of the entity so that the snapshot outlives the session. */
    private record Item(String code, String nameJa, String nameEn, UUID parentId) {
    }

    private final Map<UUID, Item> items = new HashMap<>();

    private PlanPlaces() {
    }

    static PlanPlaces load() {
        PlanPlaces places = new PlanPlaces();
        PlanItemView.<PlanItemView>listAll().forEach(item -> places.items.put(item.id,
                new Item(item.code, item.nameJa, item.nameEn, item.parentId)));
        return places;
    }

    public Place of(UUID planItemId) {
        Item item = planItemId == null ? null : items.get(planItemId);
        if (item == null) {
            return Place.UNKNOWN;
        }
        Item section = null;
        Item chapter = item;
        // Bounded walk: a cycle cannot come from plan-service, but a half-replayed read model should not hang.
        for (int depth = 0; depth < 32 && chapter.parentId() != null && items.containsKey(chapter.parentId()); depth++) {
            section = chapter;
            chapter = items.get(chapter.parentId());
        }
        return new Place(item.code(), item.nameJa(), item.nameEn(), section == null ? null : section.code(),
                section == null ? null : section.nameJa(), section == null ? null : section.nameEn(), chapter.code(),
                chapter.nameJa(), chapter.nameEn());
    }
}
