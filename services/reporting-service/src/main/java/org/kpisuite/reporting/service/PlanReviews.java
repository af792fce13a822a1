package org.kpisuite.reporting.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.problem.ParamConverters;
import org.kpisuite.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reviews: a named snapshot of a whole plan as of a date (e.g. "FY2024 H1" at 2024-09-30), as recorded by an instant
 * (by default the moment it is first taken), kept as taken. Everything in it is rebuilt from the event history by
 * {@link PlanTreeService#snapshot}, so taking it again later, or after a rebuild of the read model, recomputes it and
 * says whether it came out the same ({@code reproduced}).
 */
@ApplicationScoped
public class PlanReviews {

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    PlanTreeService trees;

    @Inject
    ReadModelState state;

    @Schema(name = "Review", description = "A review: a plan's tree as of a date, as recorded by an instant")
    public record Review(
            @Schema(example = "FY2024-H1") String code,
            @Schema(example = "FY2024 H1 (上期)") String name,
            @Schema(example = "IPA-FY2024") String planCode,
            @Schema(example = "2024") int fiscalYear,
            @Schema(example = "2024-09-30") LocalDate asOf,
            @Schema(example = "2024-10-31T00:00:00Z") Instant recordedBy,
            @Schema(example = "2024-10-31T00:00:00Z") Instant takenAt,
            @Schema(example = "kpi-admin@ipa.go.jp") String takenBy,
            @Schema(nullable = true, description = "On taking it (again): whether recomputing it from the event "
                    + "history gave exactly what is kept; null on reads") Boolean reproduced,
            PlanTree tree) {
    }

    @Schema(name = "ReviewSummary", description = "A review without its tree")
    public record Summary(String code, String name, String planCode, int fiscalYear, LocalDate asOf, Instant recordedBy,
            Instant takenAt, String takenBy, PlanTree.Summary summary) {
    }

    /** A review taken (created) or taken again. */
    public record Taken(Review review, boolean created) {
    }

    @Transactional
    public Taken take(String code, ReviewRequest request, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (request.asOf().isAfter(trees.today())) {
            throw ProblemException.invalidField("asOf", "a review looks back: must not be after today ("
                    + trees.today() + "), not " + request.asOf());
        }
        if (request.recordedBy() != null && request.recordedBy().isAfter(now)) {
            throw ProblemException.invalidField("recordedBy", "must not be in the future, not " + request.recordedBy());
        }
        ParamConverters.checkYears("asOf", request.asOf());
        ParamConverters.checkYears("recordedBy", request.recordedBy());
        // A bad request is refused as such, also while a rebuild runs.
        if (state.rebuildingForShare()) {
            throw new ProblemException(409, "rebuild-running", "A rebuild is running", "the read model is being "
                    + "rebuilt: take the review once GET /api/v1/admin/rebuild says it has finished", List.of());
        }
        String plan = trees.planOf(request.fiscalYear(), request.planCode());
        // Two takers of one code wait for each other here: the second finds the first's review.
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(:code))) l")
                .setParameter("code", code).getSingleResult();
        Review stored = find(code);
        if (stored == null) {
            Instant recordedBy = request.recordedBy() == null ? now : request.recordedBy().truncatedTo(ChronoUnit.MICROS);
            PlanTree tree = trees.snapshot(plan, request.fiscalYear(), request.asOf(), recordedBy);
            Review review = new Review(code, request.name(), plan, request.fiscalYear(), request.asOf(), recordedBy, now,
                    by, true, tree);
            insert(review);
            return new Taken(review, true);
        }
        conflictIfDifferent("asOf", stored.asOf(), request.asOf());
        conflictIfDifferent("fiscalYear", stored.fiscalYear(), request.fiscalYear());
        conflictIfDifferent("planCode", stored.planCode(), plan);
        if (request.recordedBy() != null) {
            conflictIfDifferent("recordedBy", stored.recordedBy(), request.recordedBy().truncatedTo(ChronoUnit.MICROS));
        }
        PlanTree again = trees.snapshot(stored.planCode(), stored.fiscalYear(), stored.asOf(), stored.recordedBy());
        boolean same = sameJson(again, stored.tree());
        return new Taken(new Review(stored.code(), stored.name(), stored.planCode(), stored.fiscalYear(), stored.asOf(),
                stored.recordedBy(), stored.takenAt(), stored.takenBy(), same, stored.tree()), false);
    }

    public Review get(String code) {
        Review review = find(code);
        if (review == null) {
            throw ProblemException.notFound("review", code);
        }
        return review;
    }

    public List<Summary> list(Integer fiscalYear, String planCode) {
        return Jdbc.work(entityManager, connection -> {
            List<Summary> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select code, name, plan_code, fiscal_year, as_of, recorded_by, taken_at, taken_by,
                           (snapshot -> 'summary')::text
                    from plan_review where (? is null or fiscal_year = ?) and (? is null or plan_code = ?)
                    order by as_of, code""")) {
                select.setObject(1, fiscalYear, java.sql.Types.INTEGER);
                select.setObject(2, fiscalYear, java.sql.Types.INTEGER);
                select.setString(3, planCode);
                select.setString(4, planCode);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getObject(5, LocalDate.class), rs.getTimestamp(6).toInstant(),
                                rs.getTimestamp(7).toInstant(), rs.getString(8),
                                read(rs.getString(9), PlanTree.Summary.class)));
                    }
                }
            }
            return list;
        });
    }

    /** What changed from one review to another. */
    public ReviewComparison compare(String from, String to) {
        Review a = find(from);
        if (a == null) {
            throw ProblemException.notFound("review", from);
        }
        Review b = find(to);
        if (b == null) {
            throw ProblemException.notFound("review", to);
        }
        return ReviewComparison.of(a, b);
    }

    private Review find(String code) {
        return Jdbc.work(entityManager, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select code, name, plan_code, fiscal_year, as_of, recorded_by, taken_at, taken_by, snapshot::text
                    from plan_review where code = ?""")) {
                select.setString(1, code);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new Review(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getObject(5, LocalDate.class), rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7).toInstant(), rs.getString(8), null, read(rs.getString(9), PlanTree.class));
                }
            }
        });
    }

    private void insert(Review review) {
        String snapshot = json(review.tree());
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into plan_review (code, plan_code, fiscal_year, name, as_of, recorded_by, taken_at, taken_by,
                                             snapshot)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
                insert.setString(1, review.code());
                insert.setString(2, review.planCode());
                insert.setInt(3, review.fiscalYear());
                insert.setString(4, review.name());
                insert.setObject(5, review.asOf());
                insert.setTimestamp(6, Timestamp.from(review.recordedBy()));
                insert.setTimestamp(7, Timestamp.from(review.takenAt()));
                insert.setString(8, review.takenBy());
                insert.setString(9, snapshot);
                return insert.executeUpdate();
            }
        });
    }

    /** The same content, numbers compared by value (the database may write 1.50 as 1.5). */
    private boolean sameJson(PlanTree a, PlanTree b) {
        try {
            JsonNode x = mapper.readTree(json(a));
            JsonNode y = mapper.readTree(json(b));
            return x.equals((n1, n2) -> n1.isNumber() && n2.isNumber()
                    ? n1.decimalValue().compareTo(n2.decimalValue()) : n1.equals(n2) ? 0 : 1, y);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void conflictIfDifferent(String field, Object stored, Object asked) {
        if (!Objects.equals(stored, asked)) {
            throw ProblemException.conflict(field, "review exists with " + field + " " + stored + ", not " + asked
                    + "; a review is taken again as it was first taken (or choose another code)");
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a review is not serialisable", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored review is unreadable", e);
        }
    }
}
