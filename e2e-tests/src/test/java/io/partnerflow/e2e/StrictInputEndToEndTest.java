package io.partnerflow.e2e;

import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The outside tester's findings of #21, against the running system: each is now a 4xx problem naming the field. */
class StrictInputEndToEndTest {
    private static SystemUnderTest sut;
    private static final String PARTNER = "{\"name\":\"Strict GmbH\",\"type\":\"RESELLER\",\"country\":\"DE\",\"payoutCurrency\":\"EUR\"}";

    @BeforeAll
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
    }

    private static io.restassured.specification.RequestSpecification partnerService() {
        return given().baseUri(sut.url("partner")).header("Authorization", sut.bearer("strict-cm", "channel-manager"))
                .contentType(ContentType.JSON);
    }

    @Test
    void trailingGarbageAfterValidJsonIsRefused() {
        partnerService().body(PARTNER + " {\"x\":1}").post("/partners").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:partnerflow:problem:malformed-body"))
                .body("detail", containsString("exactly one JSON value"));
    }

    @Test
    void aNumberIsNotTurnedIntoAStringAndTheFieldIsNamed() {
        partnerService().body(PARTNER.replace("\"Strict GmbH\"", "42")).post("/partners").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name"))
                .body("detail", not(containsString("HTTP 400")));
    }

    @Test
    void aNulByteInATextFieldIsA400NotA500() {
        partnerService().body(PARTNER.replace("Strict GmbH", "Strict\\u0000GmbH")).post("/partners").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("control characters"));
    }

    @Test
    void aNulByteInAQueryParameterIsA400NamingIt() {
        given().baseUri(sut.url("partner")).header("Authorization", sut.bearer("strict-cm", "channel-manager"))
                .urlEncodingEnabled(false).get("/partners?status=%00").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
    }

    @Test
    void aPartnerIdLongerThanItsColumnIsA400NamingItNotA500AndWritesNothing() {
        String longId = "p".repeat(101);
        given().baseUri(sut.url("incentive")).header("Authorization", sut.bearer("strict-cm", "channel-manager"))
                .contentType(ContentType.JSON)
                .body("{\"activityId\":\"strict-1\",\"type\":\"campaign_executed\",\"occurredAt\":\"2026-01-05T00:00:00Z\"}")
                .post("/partners/" + longId + "/activities").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("partnerId"));
        given().baseUri(sut.url("incentive")).header("Authorization", sut.bearer("strict-cm", "channel-manager"))
                .get("/partners/" + longId + "/activities").then().statusCode(200).body("size()", equalTo(0));
        given().baseUri(sut.url("payout")).header("Authorization", sut.bearer("strict-fin", "finance"))
                .contentType(ContentType.JSON).body("{}").put("/partners/" + longId + "/payout-profile").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("partnerId"));
    }

    @Test
    void aNumberWhereADateGoesIsRefused() {
        given().baseUri(sut.url("payout")).header("Authorization", sut.bearer("strict-fin", "finance"))
                .contentType(ContentType.JSON).body("{\"cutoff\": 20261204}").post("/payout-runs").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aTokenIssuedInTheFutureOrLivingTooLongIsA401() {
        String key = sut.stateDir.resolve("keys").resolve("jwt-private.pem").toAbsolutePath().toString();
        long now = Instant.now().getEpochSecond();
        String future = Jwt.issuer("https://partnerflow.local/dev").subject("time-traveller").groups(Set.of("admin"))
                .issuedAt(now + 365L * 24 * 3600).expiresAt(now + 365L * 24 * 3600 + 600).sign(key);
        String tenYears = Jwt.issuer("https://partnerflow.local/dev").subject("forever").groups(Set.of("admin"))
                .issuedAt(now).expiresAt(now + 10L * 365 * 24 * 3600).sign(key);
        String fine = Jwt.issuer("https://partnerflow.local/dev").subject("ok").groups(Set.of("admin"))
                .issuedAt(now).expiresAt(now + 600).sign(key);
        int futureStatus = given().baseUri(sut.url("partner")).header("Authorization", "Bearer " + future).get("/partners").statusCode();
        int longStatus = given().baseUri(sut.url("partner")).header("Authorization", "Bearer " + tenYears).get("/partners").statusCode();
        org.junit.jupiter.api.Assertions.assertEquals("401/401", futureStatus + "/" + longStatus, "iat a year ahead / a 10-year lifetime");
        given().baseUri(sut.url("partner")).header("Authorization", "Bearer " + future).get("/partners")
                .then().statusCode(401).contentType("application/problem+json");
        given().baseUri(sut.url("partner")).header("Authorization", "Bearer " + fine).get("/partners").then().statusCode(200);
    }
}
