package org.kpisuite.messaging;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasureEvent;
import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;

/**
 * The one rule every consumer of a full-state topic follows: an event is applied only if its version is newer than
 * the one held for its key (a redelivery, a replay or an older copy changes nothing), and a tombstone (a record
 * without a value on the compacted topic) removes the key. An event without a key cannot be applied and is
 * unreadable (dead-lettered); nothing is guessed.
 *
 * @param <T> the event record
 * @param <K> its key as the replica holds it
 */
public final class FullState<T, K> {

    public static final FullState<PlanItemEvent, UUID> PLAN_ITEMS = new FullState<>(Topics.PLAN_ITEMS,
            PlanItemEvent.class, PlanItemEvent::id, UUID::fromString, PlanItemEvent::version);
    public static final FullState<IndicatorEvent, String> INDICATORS = new FullState<>(Topics.INDICATORS,
            IndicatorEvent.class, IndicatorEvent::code, Function.identity(), IndicatorEvent::version);
    /** Measures and initiatives on the plan-execution log (which also carries commentary revisions, not full states). */
    public static final FullState<MeasureEvent, UUID> MEASURES = new FullState<>(Topics.PLAN_EXECUTION,
            MeasureEvent.class, MeasureEvent::id, UUID::fromString, MeasureEvent::version);

    /** What applying an event did. */
    public enum Outcome {
        APPLIED, STALE, REMOVED
    }

    /** A consumer's replica of the topic: the version it holds per key, and how it stores and removes a key. */
    public interface Replica<T, K> {

        /** The version held for the key, or null when nothing is held. */
        Long heldVersion(K key);

        /** Stores a newer state; {@code json} is the event data as received, for a replica that keeps it whole. */
        void store(K key, T state, String json);

        /** The key is gone for good (a tombstone). Nothing held for it is fine. */
        void remove(K key);
    }

    /** Copies a newer state onto the replica's entity (its version included). */
    @FunctionalInterface
    public interface Update<T, E> {
        void apply(E entity, T state, String json);
    }

    /**
     * A replica kept as one JPA entity per key: found by its id, created new with {@code create} and its id set by
     * {@code setId}, updated by {@code update} and persisted; a tombstone deletes it, then runs {@code removed} if
     * there was one.
     */
    public static <T, K, E> Replica<T, K> entities(Class<E> entity, java.util.function.Supplier<E> create,
            java.util.function.BiConsumer<E, K> setId, ToLongFunction<E> version, Update<T, E> update,
            java.util.function.Consumer<K> removed) {
        return new Replica<>() {
            @Override
            public Long heldVersion(K key) {
                E held = Panache.getEntityManager().find(entity, key);
                return held == null ? null : version.applyAsLong(held);
            }

            @Override
            public void store(K key, T state, String json) {
                EntityManager entityManager = Panache.getEntityManager();
                E held = entityManager.find(entity, key);
                if (held == null) {
                    held = create.get();
                    setId.accept(held, key);
                    update.apply(held, state, json);
                    entityManager.persist(held);
                } else {
                    update.apply(held, state, json);
                }
            }

            @Override
            public void remove(K key) {
                EntityManager entityManager = Panache.getEntityManager();
                E held = entityManager.find(entity, key);
                if (held != null) {
                    entityManager.remove(held);
                    removed.accept(key);
                }
            }
        };
    }

    /** {@link #entities(Class, java.util.function.Supplier, java.util.function.BiConsumer, ToLongFunction, Update,
     * java.util.function.Consumer) entities} with nothing more to do on removal. */
    public static <T, K, E> Replica<T, K> entities(Class<E> entity, java.util.function.Supplier<E> create,
            java.util.function.BiConsumer<E, K> setId, ToLongFunction<E> version, Update<T, E> update) {
        return entities(entity, create, setId, version, update, key -> {
        });
    }

    private final String topic;
    private final Class<T> type;
    private final Function<T, K> key;
    private final Function<String, K> parseKey;
    private final ToLongFunction<T> version;

    private FullState(String topic, Class<T> type, Function<T, K> key, Function<String, K> parseKey,
            ToLongFunction<T> version) {
        this.topic = topic;
        this.type = type;
        this.key = key;
        this.parseKey = parseKey;
        this.version = version;
    }

    /** The topic whose events follow the rule. */
    public String topic() {
        return topic;
    }

    public Outcome apply(InboundEvent event, ObjectMapper mapper, Replica<T, K> replica) {
        if (event.isTombstone()) {
            replica.remove(tombstoneKey(event));
            return Outcome.REMOVED;
        }
        T state = event.dataAs(mapper, type);
        K k = key.apply(state);
        if (k == null) {
            throw new UnreadableEventException(type.getSimpleName() + " " + event.id() + " has no key", null);
        }
        Long held = replica.heldVersion(k);
        if (held != null && held >= version.applyAsLong(state)) {
            return Outcome.STALE;
        }
        replica.store(k, state, event.data());
        return Outcome.APPLIED;
    }

    private K tombstoneKey(InboundEvent event) {
        if (event.key() == null) {
            throw new UnreadableEventException("a tombstone without a key", null);
        }
        try {
            return parseKey.apply(event.key());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("a tombstone whose key '" + event.key() + "' is no "
                    + type.getSimpleName() + " key", e);
        }
    }
}
