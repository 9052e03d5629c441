package io.partnerflow.deal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.partnerflow.deal.RegistrationTest.knownPartner;
import static io.partnerflow.deal.RegistrationTest.submit;
import static io.partnerflow.testing.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Conflict policy "manual-review": conflicting registrations wait for a channel manager; the DB still refuses two approvals. */
@QuarkusTest
@TestProfile(ManualReviewPolicyTest.ManualReview.class)
class ManualReviewPolicyTest {

    public static class ManualReview implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("deal.registration.conflict-policy", "manual-review");
        }
    }

    @Test
    void conflictingRegistrationsStaySubmittedWithTheirConflictsAndOnlyOneCanBeApproved() {
        String cm = bearer("cm-review", "channel-manager");
        String first = knownPartner(false);
        String second = knownPartner(false);
        String uniq = "soylent" + UUID.randomUUID().toString().substring(0, 8);
        String reg1 = submit(first, "Soylent", uniq + ".example", "US", "software").then().statusCode(201)
                .body("status", equalTo("submitted")).extract().path("id");
        String reg2 = submit(second, "Soylent Corp", "foods." + uniq + ".example", "US", "software", "services")
                .then().statusCode(201).body("status", equalTo("submitted"))
                .body("conflicts[0].registrationId", equalTo(reg1))
                .body("conflicts[0].productCategory", equalTo("software")).extract().path("id");
        // the channel manager approves the second one (manual review), after which the first cannot be approved
        given().header("Authorization", cm).post("/registrations/" + reg2 + "/approve").then().statusCode(200);
        given().header("Authorization", cm).post("/registrations/" + reg1 + "/approve").then().statusCode(409)
                .body("detail", containsString("already approved"));
        given().header("Authorization", cm).contentType("application/json")
                .body(Map.of("reason", "the other partner brought the customer")).post("/registrations/" + reg1 + "/reject")
                .then().statusCode(200).body("status", equalTo("rejected"));
    }
}
