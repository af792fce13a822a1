package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The refresher's claim of pending marks reads and locks them once, whatever the plan: its generic plan is made while
 * the table is nearly empty, and a load then marks a hundred thousand rows.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ClaimOfMarksTest {

    private static final int MARKS = 3_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void theClaimLocksItsMarksInOneReadUnderAPlanMadeForAnEmptyTable() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                // The server's generic plan, made while the table is empty, then a load's marks: all rolled back.
                sql.execute("delete from kept_pending");
                sql.execute("analyze kept_pending");
                sql.execute("set local plan_cache_mode = force_generic_plan");
                sql.execute("prepare claim_marks(int) as " + KeptProgress.CLAIM_MARKS.replace("?", "$1"));
                sql.execute("explain execute claim_marks(" + MARKS + ")");
                sql.execute("insert into kept_pending (indicator_code, value_year) "
                        + "select 'claim-' || g, 2024 from generate_series(1, " + MARKS + ") g");
                JsonNode plan;
                try (ResultSet rs = sql.executeQuery("explain (analyze, format json) execute claim_marks(" + MARKS + ")")) {
                    rs.next();
                    plan = mapper.readTree(rs.getString(1)).get(0).get("Plan");
                }
                assertThat(plan.get("Actual Rows").asInt()).as("marks claimed").isEqualTo(MARKS);
                List<JsonNode> lockRows = new ArrayList<>();
                collect(plan, "LockRows", lockRows);
                assertThat(lockRows).hasSize(1);
                assertThat(lockRows.get(0).get("Actual Loops").asInt()).as("runs of the locking read").isEqualTo(1);
            } finally {
                connection.rollback();
                // A prepared statement outlives the transaction: the pooled connection must not keep it.
                try (Statement sql = connection.createStatement()) {
                    sql.execute("deallocate all");
                }
            }
        }
    }

    private static void collect(JsonNode node, String type, List<JsonNode> found) {
        if (type.equals(node.path("Node Type").asText())) {
            found.add(node);
        }
        node.path("Plans").forEach(child -> collect(child, type, found));
    }
}
