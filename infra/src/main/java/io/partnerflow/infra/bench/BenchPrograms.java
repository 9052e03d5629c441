package io.partnerflow.infra.bench;

import io.partnerflow.infra.demo.DemoClient;

import java.util.List;
import java.util.Map;

/**
 * What the pipeline benchmark configures beyond partners (a commission program so that every credited partner
 * earns on every deal), and how it finds a deal in payout-service's ledger.
 */
final class BenchPrograms {
    /** (journal seq, Partnerflow deal id) of journals booked for earnings, after a seq high-water mark. */
    static final String LEDGER_DEALS_QUERY = "select j.seq, e.deal_id from journal j join earning e on e.earning_id = j.earning_id"
            + " where j.seq > ? order by j.seq limit 5000";

    private BenchPrograms() {
    }

    static void configure(DemoClient api, String bearer) {
        api.post("incentive", "/programs", bearer, Map.of("code", "bench-commission", "name", "Benchmark commission",
                "effectiveFrom", "2020-01-01T00:00:00Z", "rules", List.of(Map.of("key", "commission", "name", "Commission",
                        "kind", "commission", "commission", Map.of("rates", List.of(
                                Map.of("tier", "*", "category", "*", "sourced", "0.10", "influenced", "0.05"))))))).expectOk("program");
    }
}
