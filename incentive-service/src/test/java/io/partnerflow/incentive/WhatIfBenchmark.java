package io.partnerflow.incentive;

import io.agroal.api.AgroalDataSource;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.incentive.application.WhatIfService;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static io.partnerflow.incentive.Fixtures.commissionProgram;
import static io.partnerflow.incentive.Fixtures.program;
import static io.partnerflow.incentive.Fixtures.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What-if over N generated credited deals (default 1,000,000) written straight into the compact credit store, 1,000
 * partners with tiers; prints the timing (a harness, not a timed test).
 * <pre>
 * ./mvnw -B -ntp verify -pl incentive-service -Dtest=WhatIfBenchmark -Dgroups=benchmark -DexcludedBenchmarks=none [-Dbench.deals=1000000]
 * </pre>
 */
@QuarkusTest
@Tag("benchmark")
class WhatIfBenchmark {
    @Inject
    AgroalDataSource ds;
    @Inject
    WhatIfService whatIf;

    @Test
    void whatIfOverGeneratedCreditedDeals() throws Exception {
        int n = Integer.getInteger("bench.deals", 1_000_000);
        String code = "bench-" + System.currentTimeMillis();
        program(commissionProgram(code, "2060-01-01T00:00:00Z", "2061-01-01T00:00:00Z",
                List.of(rate("gold", "cloud", "0.10", "0.05"), rate("silver", "cloud", "0.07", "0.03"), rate("*", "services", "0.02", null)), null));
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from credit_compact where deal_id like 'bench-%'");
            st.execute("""
                    insert into partner (partner_id, name, type, status, country, payout_currency, registered_at, updated_at)
                    select 'bench-p-' || g, 'Bench ' || g, (array['reseller','referral','msp','agent'])[1 + g % 4], 'active',
                           (array['DE','FR','US','GB'])[1 + g % 4], 'EUR', timestamptz '2059-01-01', timestamptz '2059-01-01'
                    from generate_series(0, 999) g on conflict do nothing""");
            st.execute("""
                    insert into partner_tier (partner_id, effective_at, decided_at, tier_code, tier_name, tier_rank, reason)
                    select 'bench-p-' || g, timestamptz '2059-01-01', timestamptz '2059-01-01', 'silver', 'Silver', 1, 'initial' from generate_series(0, 999) g
                    union all
                    select 'bench-p-' || g, timestamptz '2060-07-01', timestamptz '2060-07-01', 'gold', 'Gold', 2, 'promotion' from generate_series(0, 999, 2) g
                    on conflict do nothing""");
            st.execute("""
                    insert into credit_compact (deal_id, partner_id, closed_at, deal_type, customer_country, currency, deal_amount_minor, role, lines)
                    select 'bench-' || g, 'bench-p-' || (g % 1000), timestamptz '2060-01-01' + (g % 360) * interval '1 day',
                           (array['new_business','renewal','upsell'])[1 + g % 3], (array['DE','FR','US'])[1 + g % 3],
                           (array['EUR','USD','JPY'])[1 + g % 3], 100000 + (g::bigint * 7919) % 9000000,
                           case when g % 4 = 0 then 'sourced' else 'influenced' end,
                           'cloud=' || ((100000 + (g::bigint * 7919) % 9000000) / 2) || ';services=' || ((g::bigint * 104729) % 500000)
                    from generate_series(1, """ + n + ") g");
        }
        long generatedMs = (System.nanoTime() - t0) / 1_000_000;
        ProgramDefinition proposed = EventJson.readString(EventJson.writeString(commissionProgram(code, "2060-01-01T00:00:00Z", "2061-01-01T00:00:00Z",
                List.of(rate("gold", "cloud", "0.12", "0.06"), rate("silver", "cloud", "0.08", "0.035"), rate("*", "services", "0.025", null)), null)),
                ProgramDefinition.class);
        for (int run = 1; run <= 2; run++) {
            WhatIfService.Result r = whatIf.run(Instant.parse("2060-01-01T00:00:00Z"), Instant.parse("2061-01-01T00:00:00Z"), proposed);
            System.out.printf("INCENTIVE WHAT-IF run %d: %d credited deals in %d ms (%.0f credits/s), %d partner x currency rows, %d unknown partners%n",
                    run, r.credits(), r.millis(), r.credits() * 1000.0 / Math.max(1, r.millis()), r.partners().size(), r.unknownPartners());
            assertEquals(n, r.credits());
        }
        System.out.printf("INCENTIVE WHAT-IF generated %d compact credits in %d ms; cores=%d%n", n, generatedMs, Runtime.getRuntime().availableProcessors());
    }
}
