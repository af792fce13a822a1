package org.kpisuite.reporting.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpisuite.problem.ProblemException;

class GzipNegotiationTest {

    @ParameterizedTest(name = "Accept-Encoding: {0} -> gzip {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE | false",
            "'' | false",
            "gzip | true",
            "'gzip, deflate, br, zstd' | true",
            "'br, gzip;q=0.8, deflate' | true",
            "GZIP | true",
            "x-gzip | true",
            "'gzip ; Q = 0.5' | true",
            "* | true",
            "'br, *;q=0.1' | true",
            "'identity;q=1, gzip' | true",
            "'gzip;q=1.000, identity;q=0.999' | true",
            "'gzip;level=9' | true",
            "gzip;q=0 | false",
            "'gzip;q=0, *' | false",
            "*;q=0 | false",
            "'gzip;q=0.5, identity;q=0.9' | false",
            "'*;q=0.9, gzip;q=0.5' | false",
            "'deflate, br' | false",
            "identity | false",
            "',,;,' | false",
    })
    void gzipIsChosenOnlyWhenTheClientAsksForIt(String acceptEncoding, boolean gzip) {
        assertThat(GzipNegotiation.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
    }

    @ParameterizedTest
    @ValueSource(strings = { "gzip;q=2", "gzip;q=abc", "gzip;q=", "gzip;q=1e0", "gzip;q=0.0001",
            "gzip;q=0.5, identity;q=x" })
    void aMalformedQualityValueIsAProblemNamingTheHeader(String acceptEncoding) {
        assertThatThrownBy(() -> GzipNegotiation.acceptsGzip(acceptEncoding)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("Accept-Encoding").hasMessageContaining("quality value");
    }
}
