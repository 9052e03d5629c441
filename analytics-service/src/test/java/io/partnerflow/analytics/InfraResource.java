package io.partnerflow.analytics;

import io.partnerflow.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL ("analytics" database), Kafka and the outbox relay for every test of this module. */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "analytics"))
public class InfraResource {
}
