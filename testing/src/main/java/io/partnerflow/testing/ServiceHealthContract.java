package io.partnerflow.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every service must show against the real infrastructure: it boots, reports live and ready with
 * its database and Kafka checked, publishes OpenAPI + Swagger UI and Prometheus metrics, and answers
 * errors as problem+json. A service's test extends this with {@code @QuarkusTest}.
 */
public abstract class ServiceHealthContract {

    protected abstract String serviceName();

    @Test
    void startsAndReportsReadyWithItsDatabaseAndKafkaChecked() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesOpenApiSwaggerUiAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Partnerflow " + serviceName()));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void answersUnknownPathsAndMissingTokensWithProblemJson() {
        given().get("/no/such/path").then().statusCode(404).contentType("application/problem+json");
        given().get("/admin/clock").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestSupport.bearer("someone", "finance")).get("/admin/clock")
                .then().statusCode(200);
        given().header("Authorization", "Bearer not-a-jwt").get("/admin/clock")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void appliedTheSharedV1Migration() throws Exception {
        try (var c = TestSupport.jdbc(); var rs = c.createStatement().executeQuery(
                "select count(*) from information_schema.tables where table_name in ('outbox_event','processed_event')")) {
            rs.next();
            org.junit.jupiter.api.Assertions.assertEquals(2, rs.getInt(1));
        }
    }
}
