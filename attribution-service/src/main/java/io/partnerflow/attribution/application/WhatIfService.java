package io.partnerflow.attribution.application;

import io.agroal.api.AgroalDataSource;
import io.partnerflow.attribution.domain.WhatIf;
import io.partnerflow.core.money.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What-if: per partner, what the attributions in force credit for deals closed in [from, to) versus what a
 * proposed model would credit — computed exactly, deal by deal, from the compact store; publishes and
 * writes nothing. Blocking (JDBC streaming): call it on a worker thread.
 */
@ApplicationScoped
public class WhatIfService {
    private final AgroalDataSource dataSource;

    public WhatIfService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final int BATCH = 5_000;

    private static WhatIf compute(ModelConfig proposed, List<Object[]> rows) {
        WhatIf w = new WhatIf(proposed.toSpec());
        for (Object[] r : rows) {
            Map<Integer, BigInteger> lines = CompactDeal.decodeLines((String) r[3]);
            int[] numbers = new int[lines.size()];
            long[] minor = new long[lines.size()];
            int i = 0;
            for (var e : lines.entrySet()) {
                numbers[i] = e.getKey();
                minor[i++] = e.getValue().longValueExact();
            }
            Timestamp created = (Timestamp) r[0];
            w.add(created == null ? null : created.toInstant(), ((Timestamp) r[1]).toInstant(),
                    Currency.getInstance(((String) r[2]).trim()), numbers, minor, CompactDeal.decodeTouches((String) r[4]));
        }
        return w;
    }

    public record PartnerComparison(String partnerId, String currency, String current, String proposed, String delta) {
    }

    public record Result(long deals, long unattributedUnderProposal, long millis, List<PartnerComparison> partners) {
    }

    public Result run(Instant from, Instant to, ModelConfig proposed) throws SQLException {
        return run(from, to, proposed, read -> { });
    }

    /** As {@link #run(Instant, Instant, ModelConfig)}, telling {@code progress} how many deals were read so far. */
    public Result run(Instant from, Instant to, ModelConfig proposed, java.util.function.LongConsumer progress) throws SQLException {
        long t0 = System.nanoTime();
        WhatIf whatIf = new WhatIf(proposed.toSpec());
        Map<String, Map<String, BigDecimal>> current = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement st = c.prepareStatement("""
                    select c.partner_id, c.currency, sum(c.amount) from attribution_credit c
                    join attribution a on a.id = c.attribution_id
                    where a.active and c.closed_at >= ? and c.closed_at < ? group by c.partner_id, c.currency""")) {
                st.setTimestamp(1, Timestamp.from(from));
                st.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        current.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "select created_at, closed_at, currency, lines, touches from deal_compact where closed_at >= ? and closed_at < ?")) {
                st.setFetchSize(10_000);
                st.setTimestamp(1, Timestamp.from(from));
                st.setTimestamp(2, Timestamp.from(to));
                // The JDBC thread only reads rows; decoding and exact computation run on all cores.
                int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
                List<java.util.concurrent.Future<WhatIf>> parts = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    List<Object[]> batch = new ArrayList<>(BATCH);
                    long read = 0;
                    while (rs.next()) {
                        read++;
                        batch.add(new Object[]{rs.getTimestamp(1), rs.getTimestamp(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                        if (batch.size() == BATCH) {
                            List<Object[]> b = batch;
                            parts.add(pool.submit(() -> compute(proposed, b)));
                            batch = new ArrayList<>(BATCH);
                            progress.accept(read);
                        }
                    }
                    List<Object[]> b = batch;
                    parts.add(pool.submit(() -> compute(proposed, b)));
                    for (var part : parts) {
                        whatIf.merge(part.get());
                    }
                    progress.accept(read);
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    throw new SQLException("what-if computation failed", e);
                } finally {
                    pool.shutdown();
                }
            }
            c.rollback();
        }
        List<PartnerComparison> out = new ArrayList<>();
        TreeSet<String> partners = new TreeSet<>(current.keySet());
        partners.addAll(whatIf.totals().keySet());
        for (String p : partners) {
            TreeSet<String> currencies = new TreeSet<>(current.getOrDefault(p, Map.of()).keySet());
            currencies.addAll(whatIf.totals().getOrDefault(p, Map.of()).keySet());
            for (String cur : currencies) {
                Money now = Money.of(current.getOrDefault(p, Map.of()).getOrDefault(cur, BigDecimal.ZERO)
                        .setScale(Money.scaleOf(Currency.getInstance(cur)), java.math.RoundingMode.UNNECESSARY), cur);
                Money then = Money.ofMinor(whatIf.totals().getOrDefault(p, Map.of()).getOrDefault(cur, BigInteger.ZERO),
                        Currency.getInstance(cur));
                out.add(new PartnerComparison(p, cur, now.amountString(), then.amountString(), then.minus(now).amountString()));
            }
        }
        return new Result(whatIf.deals(), whatIf.unattributed(), (System.nanoTime() - t0) / 1_000_000, out);
    }
}
