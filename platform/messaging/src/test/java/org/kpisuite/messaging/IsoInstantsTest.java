package org.kpisuite.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializer;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The hand-read instants are Jackson's own: the same instant for every form it reads, and the same refusals. */
class IsoInstantsTest {

    private final ObjectMapper suite = suiteMapper();
    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule());

    private static ObjectMapper suiteMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonSettings().customize(mapper);
        return mapper;
    }

    @Test
    void everyInstantInTheSuitesFormIsReadAsJacksonReadsIt() throws Exception {
        Random random = new Random(2024);
        for (int i = 0; i < 20_000; i++) {
            // Years 0000-9999, every fraction length from none to nine digits.
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            int digits = random.nextInt(10);
            String trimmed = digits == 0 ? text.substring(0, 19) + "Z"
                    : text.substring(0, 19) + "." + (text.length() > 20 ? text.substring(20, text.length() - 1) + "000000000" : "000000000").substring(0, digits) + "Z";
            assertThat(IsoInstants.parse(trimmed)).as(trimmed).isEqualTo(Instant.parse(trimmed));
            assertThat(read(suite, trimmed)).as(trimmed).isEqualTo(read(jackson, trimmed));
        }
    }

    @Test
    void everyOtherFormIsLeftToJacksonWithItsAnswer() throws Exception {
        List<String> others = List.of("2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
                "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z",
                "2024-01-01T23:60:00Z", "2024-12-31T23:59:60Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z",
                "2024-01-01T00:00:00z", "2024-01-01t00:00:00Z", " 2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z ",
                "2024-01-01T00:00:00+09:00", "2024-01-01T00:00:00.5+00:00", "+12024-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z", "2024-01-01T00:00Z", "2024-01-01", "1700000000", "1700000000.5", "",
                "２０２４-01-01T00:00:00Z", "2024-01-01T00:00:0٠Z", "2024-1-01T00:00:00Z", "abcd-ef-ghTij:kl:mnZ");
        for (String text : others) {
            Object expected = read(jackson, text);
            assertThat(read(suite, text)).as(text).isEqualTo(expected);
        }
        assertThat(IsoInstants.parse("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(IsoInstants.parse("2023-02-29T00:00:00Z")).isNull();
        assertThat(IsoInstants.parse("2024-12-31T23:59:60Z")).isNull();
        assertThat(IsoInstants.parse("2024-01-01T00:00:00.Z")).isNull();
        // Numbers (epoch seconds) and null stay Jackson's too.
        assertThat(suite.readValue("1700000000.5", Instant.class)).isEqualTo(jackson.readValue("1700000000.5", Instant.class));
        assertThat(suite.readValue("null", Instant.class)).isNull();
    }

    @Test
    void theSuitesReaderStaysInUseWhenQuarkusRegistersJavaTimeAfterTheSettings() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new JsonSettings().customize(mapper);
        // Quarkus applies its own module registrations after the application's customizers.
        mapper.registerModule(new JavaTimeModule());
        var context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class))).isInstanceOf(IsoInstants.class);
    }

    @Test
    void datesAreReadStrictlyWhenQuarkusRegistersJavaTimeAfterTheSettings() throws Exception {
        ObjectMapper mapper = suiteMapper();
        mapper.registerModule(new JavaTimeModule());
        assertThat(mapper.readValue("\"2024-04-21\"", java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.of(2024, 4, 21));
        for (String lenient : List.of("20240421", "[2024,4,21]", "\"2024-04-21T00:00:00Z\"", "\"0000-01-01\"")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> mapper.readValue(lenient, java.time.LocalDate.class)))
                    .as(lenient).isInstanceOf(org.kpisuite.problem.StrictJson.RefusedValueException.class);
        }
    }

    record Plain(Instant at) {
    }

    record Patterned(@JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant at) {
    }

    record Strict(@JsonFormat(lenient = OptBoolean.FALSE) Instant at) {
    }

    @Test
    void aFormatNamedForThePropertyOrTheTypeIsReadAsJacksonReadsIt() throws Exception {
        List<String> texts = List.of("2024-01-01T09:30:00Z", "2024-01-01 09:30", "2024-01-01T09:30:00.5Z", "",
                "1700000000", "2023-02-29T00:00:00Z");
        for (Class<?> type : List.of(Plain.class, Patterned.class, Strict.class)) {
            for (String text : texts) {
                assertThat(readAt(suite, type, text)).as(type.getSimpleName() + " " + text)
                        .isEqualTo(readAt(jackson, type, text));
            }
        }
        assertThat(readAt(suite, Patterned.class, "2024-01-01 09:30")).isEqualTo(new Patterned(Instant.parse("2024-01-01T09:30:00Z")));
        // The pattern refuses the suite's own form, as Jackson does: the hand reader is not used for it.
        assertThat(readAt(suite, Patterned.class, "2024-01-01T09:30:00Z")).isInstanceOf(Class.class);

        ObjectMapper typeWide = suiteMapper();
        typeWide.configOverride(Instant.class).setFormat(JsonFormat.Value.forPattern("yyyy/MM/dd HH:mm").withTimeZone(
                java.util.TimeZone.getTimeZone("UTC")));
        assertThat(typeWide.readValue("{\"at\":\"2024/01/01 09:30\"}", Plain.class))
                .isEqualTo(new Plain(Instant.parse("2024-01-01T09:30:00Z")));
    }

    @Test
    void aPropertyWithoutAFormatKeepsTheHandReader() throws Exception {
        var context = ((DefaultDeserializationContext) suite.getDeserializationContext())
                .createDummyInstance(suite.getDeserializationConfig());
        var plain = (BeanDeserializer) context.findRootValueDeserializer(suite.constructType(Plain.class));
        var patterned = (BeanDeserializer) context.findRootValueDeserializer(suite.constructType(Patterned.class));
        assertThat(plain.findProperty("at").getValueDeserializer()).isInstanceOf(IsoInstants.class);
        assertThat(patterned.findProperty("at").getValueDeserializer()).isNotInstanceOf(IsoInstants.class);
    }

    /** The record read from {"at": text}, or the class of the exception reading it threw. */
    private static Object readAt(ObjectMapper mapper, Class<?> type, String text) {
        try {
            return mapper.readValue("{\"at\":" + mapper.writeValueAsString(text) + "}", type);
        } catch (Exception e) {
            return e.getClass();
        }
    }

    /** The instant read from the JSON string, or the class of the exception reading it threw. */
    private static Object read(ObjectMapper mapper, String text) {
        try {
            return mapper.readValue(mapper.writeValueAsString(text), Instant.class);
        } catch (Exception e) {
            return e.getClass();
        }
    }
}
