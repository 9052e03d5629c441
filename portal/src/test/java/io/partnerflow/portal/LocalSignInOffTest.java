package io.partnerflow.portal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Without the run command's flag the local sign-in does not exist, and pages say how to sign in. */
@QuarkusTest
@TestProfile(LocalSignInOffTest.Off.class)
class LocalSignInOffTest {
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("partnerflow.portal.local-sign-in", "false");
        }
    }

    @Test
    void signInIsNotFoundAndPagesAnswer401() {
        given().get("/sign-in").then().statusCode(404);
        given().contentType("application/x-www-form-urlencoded").formParam("user", "ada").post("/sign-in").then().statusCode(404);
        given().get("/finance/runs").then().statusCode(401).body(containsString("Not signed in"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"service\": \"portal\""));
    }
}
