package org.kpisuite.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent.BaselineFormula;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Condition;
import org.kpisuite.events.IndicatorEvent.ConditionKind;
import org.kpisuite.testing.PostgresServer;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A database that {@code make run} filled before the JSON columns became jsonb keeps every indicator: the text the
 * old converter wrote is migrated (V30) and reads back as the same values through the application's mapper. Runs on
 * a database of its own in the test server, migrated step by step from the migration files.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class JsonColumnsMigrationTest {

    private static final Breakdown DOMAINS = new Breakdown("domain", "領域", "domain", List.of("mobility", "health"));
    private static final List<Condition> CONDITIONS =
            List.of(new Condition(ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES, 2));
    private static final BaselineFormula FORMULA = new BaselineFormula(new BigDecimal("1.2"), 2019, 2021,
            new BigDecimal("217865"));

    @Test
    void theTextColumnsBecomeJsonbAndKeepTheirValues() throws Exception {
        String url = emptyDatabase();
        migrate(url, "3");
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
                Statement s = c.createStatement()) {
            // As the private converter wrote them (a plain ObjectMapper), before V30.
            s.execute("""
                    insert into indicator (code, name_ja, unit, department, plan_item_id, core_target, reference_only,
                        aggregation, version, created_at, updated_at, components, breakdown)
                    values ('arch-design-points', '設計', 'points', 'architecture', '%s', true, false, 'SUM', 1, now(),
                        now(), '["numerator","denominator"]',
                        '{"dimension":"domain","nameJa":"領域","nameEn":"domain","values":["mobility","health"]}'),
                           ('plain', '指標', 'cases', 'security', '%<s', false, false, 'SUM', 1, now(), now(), '[]', null)
                    """.formatted(UUID.randomUUID()));
            s.execute("""
                    insert into indicator_target (indicator_code, fiscal_year, comparator, value, conditions, formula)
                    values ('arch-design-points', 2024, 'AT_LEAST', 261438,
                        '[{"kind":"MIN_DISTINCT_BREAKDOWN_VALUES","value":2}]',
                        '{"factor":1.2,"fromFiscalYear":2019,"toFiscalYear":2021,"average":217865}')
                    """);
        }

        migrate(url, "latest");

        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
                Statement s = c.createStatement()) {
            ResultSet indicators = s.executeQuery("""
                    select code, components, breakdown, jsonb_typeof(components) from indicator order by code""");
            assertThat(indicators.next()).isTrue();
            assertThat(SuiteEvents.mapper().readValue(indicators.getString(2), new TypeReference<List<String>>() {
            })).containsExactly("numerator", "denominator");
            assertThat(SuiteEvents.read(indicators.getString(3), Breakdown.class)).isEqualTo(DOMAINS);
            assertThat(indicators.getString(4)).isEqualTo("array");
            assertThat(indicators.next()).isTrue();
            assertThat(indicators.getString(2)).isEqualTo("[]");
            assertThat(indicators.getString(3)).isNull();

            ResultSet target = s.executeQuery("select conditions, formula from indicator_target");
            assertThat(target.next()).isTrue();
            assertThat(SuiteEvents.mapper().readValue(target.getString(1), new TypeReference<List<Condition>>() {
            })).isEqualTo(CONDITIONS);
            assertThat(SuiteEvents.read(target.getString(2), BaselineFormula.class)).isEqualTo(FORMULA);

            // A row written after the migration gets the jsonb default.
            s.execute("""
                    insert into indicator (code, name_ja, unit, department, plan_item_id, core_target, reference_only,
                        aggregation, version, created_at, updated_at)
                    values ('later', '後', 'cases', 'security', '%s', false, false, 'SUM', 1, now(), now())
                    """.formatted(UUID.randomUUID()));
            ResultSet later = s.executeQuery("select jsonb_typeof(components) from indicator where code = 'later'");
            assertThat(later.next()).isTrue();
            assertThat(later.getString(1)).isEqualTo("array");
        }
    }

    /** A new database beside the service's own, in the same server. */
    private static String emptyDatabase() throws Exception {
        String serviceUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String database = "migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(serviceUrl, PostgresServer.USER, "");
                Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        return serviceUrl.substring(0, serviceUrl.lastIndexOf('/') + 1) + database;
    }

    /** The service's migrations and the platform's outbox ones, as the service runs them, up to a version. */
    private static void migrate(String url, String target) {
        Flyway.configure()
                .dataSource(url, PostgresServer.USER, "")
                .locations("filesystem:" + Path.of("src/main/resources/db/migration").toAbsolutePath(),
                        "filesystem:" + Path.of("../../platform/messaging/src/main/resources/db/messaging")
                                .toAbsolutePath())
                .outOfOrder(true)
                .target(target)
                .load()
                .migrate();
    }
}
