package io.partnerflow.attribution;

import io.partnerflow.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL ("attribution" database), Kafka and the outbox relay for every test of this module. */
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "attribution"))
public class InfraResource {
}
