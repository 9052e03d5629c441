package io.partnerflow.partner;

import io.partnerflow.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL ("partner" database), Kafka and the outbox relay for every test of this module. */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "partner"))
public class InfraResource {
}
