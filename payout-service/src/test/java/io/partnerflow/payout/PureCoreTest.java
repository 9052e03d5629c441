package io.partnerflow.payout;

import io.partnerflow.testing.PureCore;
import org.junit.jupiter.api.Test;

/** The pure calculation core ({@code io.partnerflow.payout.domain}) imports no Quarkus, Vert.x, Hibernate, Kafka or SmallRye. */
class PureCoreTest {
    @Test
    void domainImportsNoFrameworkType() {
        PureCore.check("io.partnerflow.payout.domain");
    }
}
