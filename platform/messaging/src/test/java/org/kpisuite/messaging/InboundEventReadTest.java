package org.kpisuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Events are read tolerantly, with the suite's JSON settings, on a copy that leaves the mapper as it is. */
class InboundEventReadTest {

    enum Kind { A }

    record Data(String code, Kind kind) {
    }

    @Test
    void anEventSkipsTheRepeatedKeyCheckThatRequestBodiesKeep() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new JsonSettings().customize(mapper);
        String twice = "{\"code\":\"a\",\"code\":\"b\",\"kind\":\"B\",\"extra\":1}";

        Data read = InboundEvent.read(mapper, twice, Data.class);
        assertThat(read).isEqualTo(new Data("b", null));
        // The mapper request bodies use still refuses it.
        assertThatThrownBy(() -> mapper.readValue(twice, Data.class)).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'code'");
        // And the copy keeps the suite's strictness otherwise: a NUL in a string is still refused.
        assertThatThrownBy(() -> InboundEvent.read(mapper, "{\"code\":\"a\\u0000\"}", Data.class))
                .isInstanceOf(IllegalStateException.class);
    }
}
