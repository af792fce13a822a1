package org.kpisuite.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service's own mapper, as Quarkus builds it, reads instants with the suite's reader, and reads them right. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class InstantReadingTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void theServicesMapperReadsInstantsWithTheSuitesReader() throws Exception {
        var context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)).getClass().getName())
                .isEqualTo("org.kpisuite.messaging.IsoInstants");
        assertThat(mapper.readValue("\"2025-04-01T09:30:00.5Z\"", Instant.class))
                .isEqualTo(Instant.parse("2025-04-01T09:30:00.500Z"));
        assertThat(mapper.readValue("\"2025-04-01T18:30:00+09:00\"", Instant.class))
                .isEqualTo(Instant.parse("2025-04-01T09:30:00Z"));
    }
}
