package io.partnerflow.infra.bench;

import io.partnerflow.infra.demo.DemoClient;

/**
 * What the pipeline benchmark configures beyond partners (an incentive program so that every deal earns), and how
 * it finds a deal in payout-service's ledger.
 */
final class BenchPrograms {
    /** Partnerflow deal ids that have reached payout-service's ledger. */
    static final String LEDGER_DEALS_QUERY = "select 1 where false";

    private BenchPrograms() {
    }

    static void configure(DemoClient api, String bearer) {
        // filled in when incentive-service's program API lands
    }
}
