package io.partnerflow.infra.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerBusyTest {
    private static final String METRICS = """
            # TYPE partnerflow_events_batch_seconds summary
            partnerflow_events_batch_seconds_count{topic="attribution.events"} 40.0
            partnerflow_events_batch_seconds_sum{topic="attribution.events"} 12.5
            partnerflow_events_batch_seconds_max{topic="attribution.events"} 0.9
            partnerflow_events_batch_size_count{channel_topic="attribution.events"} 40.0
            partnerflow_events_batch_size_sum{channel_topic="attribution.events"} 800.0
            partnerflow_events_processing_seconds_count{outcome="applied",topic="attribution.events",type="x"} 800.0
            """;

    @Test
    void readsPollsWallTimeAndRecordsPerTopic() {
        Map<String, double[]> into = new TreeMap<>();
        ConsumerBusy.parse("incentive", METRICS, into);
        assertArrayEquals(new double[]{40, 12.5, 800}, into.get("incentive attribution.events"));
        assertTrue(into.size() == 1, into.keySet().toString());
    }

    @Test
    void reportsTheShareOfTheStepSpentInPolls() {
        Map<String, double[]> before = new TreeMap<>(Map.of("incentive attribution.events", new double[]{10, 2.5, 200}));
        Map<String, double[]> after = new TreeMap<>(Map.of("incentive attribution.events", new double[]{40, 12.5, 800},
                "payout partner.events", new double[]{3, 0.1, 0}));
        String report = ConsumerBusy.report(new ConsumerBusy.Sample(before), new ConsumerBusy.Sample(after), 20.0);
        assertTrue(report.contains("incentive attribution.events") && report.contains(" 50 %")
                && report.contains("30 polls") && report.contains("20.0 records") && report.contains("333.3 ms"), report);
        assertFalse(report.contains("payout partner.events"), report); // no records between the samples
    }
}
