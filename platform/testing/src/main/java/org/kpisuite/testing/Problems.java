package org.kpisuite.testing;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;

/** Assertions on an RFC 9457 answer, for the tables of refused requests. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The answer is a problem+json of this status; when field is not null, its first violation names it. */
    public static ValidatableResponse expect(ValidatableResponse answer, int status, String field) {
        answer.statusCode(status).contentType(MEDIA_TYPE).body("status", equalTo(status));
        return field == null ? answer : answer.body("violations[0].field", equalTo(field));
    }
}
