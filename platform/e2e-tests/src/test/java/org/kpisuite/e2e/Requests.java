package org.kpisuite.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The one place where the fault tests build an API call: what every request carries goes here. */
final class Requests {

    private Requests() {
    }

    static RequestSpecification api(String baseUrl, String token) {
        return given().baseUri(baseUrl).header("Authorization", "Bearer " + token);
    }
}
