package io.partnerflow.analytics;

import io.partnerflow.testing.ServiceHealthContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends ServiceHealthContract {
    @Override
    protected String serviceName() {
        return "analytics-service";
    }
}
