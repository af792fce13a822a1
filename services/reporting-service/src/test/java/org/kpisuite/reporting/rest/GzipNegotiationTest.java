package org.kpisuite.reporting.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            "gzip;q=0 | false",
            "'gzip;q=0, *' | false",
            "*;q=0 | false",
            "'gzip;q=0.5, identity;q=0.9' | false",
            "'deflate, br' | false",
            "identity | false",
            "gzip;q=2 | false",
            "gzip;q=abc | false",
            "'gzip;q=' | false",
            "'gzip;level=9' | true",
            "',,;,' | false",
    })
    void gzipIsChosenOnlyWhenTheClientAsksForIt(String acceptEncoding, boolean gzip) {
        assertThat(GzipNegotiation.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
    }
}
