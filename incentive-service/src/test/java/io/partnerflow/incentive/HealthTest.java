package io.partnerflow.incentive;

import io.partnerflow.testing.ServiceHealthContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends ServiceHealthContract {
    @Override
    protected String serviceName() {
        return "incentive-service";
    }
}
