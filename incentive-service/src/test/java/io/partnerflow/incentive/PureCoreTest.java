package io.partnerflow.incentive;

import io.partnerflow.testing.PureCore;
import org.junit.jupiter.api.Test;

/** The pure calculation core ({@code io.partnerflow.incentive.domain}) imports no Quarkus, Vert.x, Hibernate, Kafka or SmallRye. */
class PureCoreTest {
    @Test
    void domainImportsNoFrameworkType() {
        PureCore.check("io.partnerflow.incentive.domain");
    }
}
