package io.partnerflow.attribution;

import io.agroal.api.AgroalDataSource;
import io.partnerflow.attribution.application.ModelConfig;
import io.partnerflow.attribution.application.WhatIfService;
import io.partnerflow.attribution.domain.ModelKind;
import io.partnerflow.core.money.Money;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What-if over N generated deals (default 1,000,000) written straight into the compact store; prints the
 * timings (a harness, not a timed test) and checks the proposed credits sum exactly to the deals.
 * <pre>
 * ./mvnw -B -ntp verify -pl attribution-service -Dgroups=benchmark -DexcludedBenchmarks=none [-Dbench.deals=1000000]
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
    void whatIfOverGeneratedDeals() throws Exception {
        int n = Integer.getInteger("bench.deals", 1_000_000);
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from deal_compact where deal_id like 'bench-%'");
            st.execute("""
                    insert into deal_compact (deal_id, closed_at, created_at, currency, lines, touches)
                    select 'bench-' || g,
                           timestamptz '2040-01-01' + (g % 360) * interval '1 day',
                           timestamptz '2040-01-01' + (g % 360) * interval '1 day' - interval '60 days',
                           (array['EUR','USD','JPY','BHD'])[1 + g % 4],
                           '1:' || (100000 + (g::bigint * 7919) % 9000000)
                             || case when g % 3 = 0 then ',2:' || ((g::bigint * 104729) % 500000) else '' end,
                           (select string_agg('t' || g || '-' || k || '|p-' || ((g * 31 + k * 17) % 1000) || '|' || ((g + k) % 10)
                                   || '|' || (extract(epoch from timestamptz '2040-01-01' + (g % 360) * interval '1 day')::bigint * 1000
                                              - k * 86400000), ';')
                            from generate_series(1, 1 + g % 5) k)
                    from generate_series(1, """ + n + ") g");
        }
        long generatedMs = (System.nanoTime() - t0) / 1_000_000;
        Instant from = Instant.parse("2040-01-01T00:00:00Z");
        Instant to = Instant.parse("2041-01-01T00:00:00Z");
        for (ModelKind kind : new ModelKind[]{ModelKind.LINEAR, ModelKind.W_SHAPED, ModelKind.TIME_DECAY}) {
            WhatIfService.Result r = whatIf.run(from, to, new ModelConfig(kind, null, null, null, null, null));
            System.out.printf("WHAT-IF %s: %d deals in %d ms (%.0f deals/s), %d partner×currency rows%n",
                    kind, r.deals(), r.millis(), r.deals() * 1000.0 / Math.max(1, r.millis()), r.partners().size());
            assertEquals(n, r.deals());
            Map<String, Money> proposed = new HashMap<>();
            r.partners().forEach(p -> proposed.merge(p.currency(), Money.of(p.proposed(), p.currency()), Money::plus));
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("""
                         select currency, sum(split_part(l, ':', 2)::numeric) from deal_compact,
                                unnest(string_to_array(lines, ',')) l where deal_id like 'bench-%' group by currency""")) {
                while (rs.next()) {
                    String cur = rs.getString(1).trim();
                    assertEquals(Money.ofMinor(rs.getBigDecimal(2).toBigIntegerExact(), java.util.Currency.getInstance(cur)),
                            proposed.get(cur), "proposed credits in " + cur + " sum exactly to the deals");
                }
            }
        }
        System.out.printf("WHAT-IF generated %d compact deals in %d ms%n", n, generatedMs);
    }
}
