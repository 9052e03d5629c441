package io.partnerflow.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.contracts.EventJson;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.partnerflow.partner.Api.cm;
import static io.partnerflow.partner.Api.count;
import static io.partnerflow.partner.Api.createPartner;
import static io.partnerflow.partner.Api.events;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CertificationTest {

    @Test
    void recordsACompletionAndPublishesItOnceEvenWhenPostedAgain() throws Exception {
        String id = createPartner();
        Map<String, Object> body = Map.of("personId", "lms-58213", "personName", "Priya Raman",
                "certificationCode", "platform-admin-professional", "certificationName", "Platform Admin Pro",
                "level", "professional", "completedAt", "2025-03-12T18:47:31Z", "expiresAt", "2027-03-12T18:47:31Z",
                "source", "LMS");
        String certId = cm().body(body).post("/partners/" + id + "/certifications").then().statusCode(201)
                .body("personId", equalTo("lms-58213")).extract().path("id");
        // Same person + certification + date (even another time that day): the same completion, no new event.
        Map<String, Object> again = new java.util.HashMap<>(body);
        again.put("completedAt", "2025-03-12T09:00:00Z");
        cm().body(again).post("/partners/" + id + "/certifications").then().statusCode(200).body("id", equalTo(certId));
        assertEquals(1, count("select count(*) from partner_certification where partner_id = ?::uuid", id));

        JsonNode data = EventJson.readTree(events(id, "partnerflow.partner.certification-completed.v1", 1).get(0).value());
        assertEquals(certId, data.get("certificationId").asText());
        assertEquals("lms", data.get("source").asText());
        assertEquals(1, count("select count(*) from outbox_event where aggregate_id = ? and type like '%certification%'", id));
    }

    @Test
    void listsCompletionsAndFiltersThoseActiveAtAnInstant() {
        String id = createPartner();
        cm().body(Map.of("personId", "p1", "certificationCode", "sales-basics", "certificationName", "Sales",
                "completedAt", "2024-01-10T10:00:00Z", "expiresAt", "2025-01-10T10:00:00Z"))
                .post("/partners/" + id + "/certifications").then().statusCode(201);
        cm().body(Map.of("personId", "p2", "certificationCode", "sales-basics", "certificationName", "Sales",
                "completedAt", "2024-06-10T10:00:00Z"))
                .post("/partners/" + id + "/certifications").then().statusCode(201);
        cm().get("/partners/" + id + "/certifications").then().statusCode(200).body("personId", contains("p2", "p1"));
        cm().queryParam("activeAt", "2025-02-01").get("/partners/" + id + "/certifications").then().statusCode(200)
                .body("personId", contains("p2"));
        cm().queryParam("activeAt", "2024-03-01").get("/partners/" + id + "/certifications").then().statusCode(200)
                .body("personId", contains("p1"));
    }

    @Test
    void refusesInvalidCompletionsAndUnknownPartners() {
        String id = createPartner();
        cm().body(Map.of("personId", "p1", "certificationCode", "x", "certificationName", "X",
                "completedAt", "2024-01-10T10:00:00Z", "expiresAt", "2023-01-10T10:00:00Z"))
                .post("/partners/" + id + "/certifications").then().statusCode(400);
        cm().body(Map.of("personId", "p1", "certificationCode", "Not A Code", "certificationName", "X",
                "completedAt", "2024-01-10T10:00:00Z"))
                .post("/partners/" + id + "/certifications").then().statusCode(400);
        cm().body(Map.of("personId", "p1", "certificationCode", "x", "certificationName", "X",
                "completedAt", "2024-01-10T10:00:00Z"))
                .post("/partners/" + UUID.randomUUID() + "/certifications").then().statusCode(404);
    }
}
