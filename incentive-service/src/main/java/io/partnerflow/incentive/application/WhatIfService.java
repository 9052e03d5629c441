package io.partnerflow.incentive.application;

import io.agroal.api.AgroalDataSource;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.money.Money;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.Facts;
import io.partnerflow.incentive.domain.ProgramDefinition;
import io.partnerflow.incentive.domain.ProgramValidator;
import io.partnerflow.incentive.domain.RuleKind;
import io.partnerflow.incentive.domain.RuleSpec;
import io.partnerflow.incentive.domain.WhatIfCalculator;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What-if: for deals closed in [from, to), per partner and deal currency, the commission the programs in force
 * produce now versus with a proposed program version (replacing the program of the same code inside the range,
 * or added when new) — exact, per credit, from the compact credit store. Writes and publishes nothing. Blocking
 * (JDBC streaming; computation spread over all cores): call it on a worker thread.
 */
@ApplicationScoped
public class WhatIfService {
    private static final int BATCH = 5_000;
    private final AgroalDataSource dataSource;
    private final IncentiveConfig config;

    public WhatIfService(AgroalDataSource dataSource, IncentiveConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public record PartnerComparison(String partnerId, String currency, String current, String proposed, String delta) {
    }

    public record Result(long credits, long unknownPartners, long millis, List<PartnerComparison> partners) {
    }

    /** A version of a program as simulation needs it. */
    record Version(String code, int priority, String group, Instant from, Instant to, int version, List<RuleSpec> commission) {
    }

    public Result run(Instant from, Instant to, ProgramDefinition proposed) throws SQLException {
        if (from == null || to == null || !to.isAfter(from)) {
            throw ProblemException.badRequest("from < to required", new Problem.FieldError("to", "must be after from"));
        }
        List<ProgramValidator.Problem> problems = ProgramValidator.validate(proposed);
        if (!problems.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the proposed program is not valid", "urn:partnerflow:problem:rule-violation",
                    problems.stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList());
        }
        long t0 = System.nanoTime();
        ZoneId zone = config.periodZone();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            List<Version> current = versions(c);
            List<Version> proposedSet = new ArrayList<>();
            for (Version v : current) {
                if (!v.code().equals(proposed.code())) {
                    proposedSet.add(v);
                }
            }
            // outside [from, to) the current versions of the proposed program stay as they are
            for (Version v : current) {
                if (v.code().equals(proposed.code())) {
                    proposedSet.add(v);
                }
            }
            Instant pFrom = proposed.effectiveFrom() == null ? from : proposed.effectiveFrom();
            proposedSet.add(new Version(proposed.code(), proposed.priorityOrZero(), proposed.exclusivityGroup(), pFrom, proposed.effectiveTo(),
                    Integer.MAX_VALUE, proposed.rules().stream().filter(r -> r.kind() == RuleKind.COMMISSION).toList()));
            Timeline now = new Timeline(current);
            Timeline then = new Timeline(proposedSet);
            Map<String, Facts.Partner> partners = partners(c);
            Map<String, List<Object[]>> tiers = tiers(c);
            Facts.FxTable fx = fx(c);

            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
            List<Future<Partial>> parts = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    select partner_id, closed_at, deal_type, customer_country, currency, deal_amount_minor, role, lines
                    from credit_compact where closed_at >= ? and closed_at < ?""")) {
                st.setFetchSize(10_000);
                st.setTimestamp(1, Timestamp.from(from));
                st.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = st.executeQuery()) {
                    List<Object[]> batch = new ArrayList<>(BATCH);
                    while (rs.next()) {
                        batch.add(new Object[]{rs.getString(1), rs.getTimestamp(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getLong(6), rs.getString(7), rs.getString(8)});
                        if (batch.size() == BATCH) {
                            List<Object[]> b = batch;
                            parts.add(pool.submit(() -> compute(b, now, then, partners, tiers, fx, zone)));
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    List<Object[]> b = batch;
                    parts.add(pool.submit(() -> compute(b, now, then, partners, tiers, fx, zone)));
                }
                Partial total = new Partial();
                for (Future<Partial> f : parts) {
                    total.merge(f.get());
                }
                c.rollback();
                List<PartnerComparison> out = new ArrayList<>();
                for (var e : new TreeMap<>(total.sums).entrySet()) {
                    String[] key = e.getKey().split("\\|");
                    java.util.Currency ccy = java.util.Currency.getInstance(key[1]);
                    Money cur = Money.ofMinor(BigInteger.valueOf(e.getValue()[0]), ccy);
                    Money prop = Money.ofMinor(BigInteger.valueOf(e.getValue()[1]), ccy);
                    out.add(new PartnerComparison(key[0], key[1], cur.amountString(), prop.amountString(), prop.minus(cur).amountString()));
                }
                return new Result(total.credits, total.unknown, (System.nanoTime() - t0) / 1_000_000, out);
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new SQLException("what-if computation failed", e);
            } finally {
                pool.shutdown();
            }
        }
    }

    static final class Partial {
        final Map<String, long[]> sums = new HashMap<>();
        long credits;
        long unknown;

        void merge(Partial o) {
            o.sums.forEach((k, v) -> sums.merge(k, v, (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]}));
            credits += o.credits;
            unknown += o.unknown;
        }
    }

    static Partial compute(List<Object[]> rows, Timeline now, Timeline then, Map<String, Facts.Partner> partners,
                           Map<String, List<Object[]>> tiers, Facts.FxTable fx, ZoneId zone) {
        Partial p = new Partial();
        for (Object[] r : rows) {
            String partnerId = (String) r[0];
            Facts.Partner partner = partners.get(partnerId);
            p.credits++;
            if (partner == null) {
                p.unknown++;
                continue;
            }
            Instant closedAt = ((Timestamp) r[1]).toInstant();
            String currency = ((String) r[4]).trim();
            int scale = Money.scaleOf(java.util.Currency.getInstance(currency));
            WhatIfCalculator.Credit credit = new WhatIfCalculator.Credit(partnerId, closedAt, (String) r[2], r[3] == null ? null : ((String) r[3]).trim(),
                    currency, scale, (Long) r[5], (String) r[6], CompactCredits.decode((String) r[7]));
            String tier = tierAsOf(tiers.get(partnerId), closedAt);
            LocalDate closeDate = closedAt.atZone(zone).toLocalDate();
            long cur = WhatIfCalculator.commission(now.at(closedAt), credit, partner, tier, fx, closeDate);
            long prop = WhatIfCalculator.commission(then.at(closedAt), credit, partner, tier, fx, closeDate);
            p.sums.merge(partnerId + "|" + currency, new long[]{cur, prop}, (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
        }
        return p;
    }

    static String tierAsOf(List<Object[]> history, Instant at) {
        String best = "none";
        Instant bestAt = null;
        if (history != null) {
            for (Object[] t : history) {
                Instant eff = (Instant) t[0];
                if (!eff.isAfter(at) && (bestAt == null || !eff.isBefore(bestAt))) {
                    best = (String) t[1];
                    bestAt = eff;
                }
            }
        }
        return best;
    }

    /** Programs in force per instant, cached per segment between effective boundaries. */
    static final class Timeline {
        private final List<Version> versions;
        private final java.util.TreeSet<Instant> boundaries = new java.util.TreeSet<>();
        private final Map<Instant, List<WhatIfCalculator.Program>> cache = new ConcurrentHashMap<>();

        Timeline(List<Version> versions) {
            this.versions = versions;
            boundaries.add(Instant.MIN);
            versions.forEach(v -> {
                boundaries.add(v.from());
                if (v.to() != null) {
                    boundaries.add(v.to());
                }
            });
        }

        List<WhatIfCalculator.Program> at(Instant t) {
            Instant key = boundaries.floor(t);
            return cache.computeIfAbsent(key, this::inForce);
        }

        private List<WhatIfCalculator.Program> inForce(Instant at) {
            Map<String, Version> best = new HashMap<>();
            for (Version v : versions) {
                if (v.from().isAfter(at)) {
                    continue;
                }
                Version b = best.get(v.code());
                if (b == null || v.from().isAfter(b.from()) || (v.from().equals(b.from()) && v.version() > b.version())) {
                    best.put(v.code(), v);
                }
            }
            return best.values().stream().filter(v -> v.to() == null || at.isBefore(v.to()))
                    .sorted(Comparator.comparingInt(Version::priority).reversed().thenComparing(Version::code))
                    .map(v -> new WhatIfCalculator.Program(v.code(), v.group(), v.commission())).toList();
        }
    }

    private static List<Version> versions(Connection c) throws SQLException {
        List<Version> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("select version, definition from program_version"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ProgramDefinition d = EventJson.readString(rs.getString(2), ProgramDefinition.class);
                out.add(new Version(d.code(), d.priorityOrZero(), d.exclusivityGroup(), d.effectiveFrom(), d.effectiveTo(), rs.getInt(1),
                        d.rules().stream().filter(r -> r.kind() == RuleKind.COMMISSION).toList()));
            }
        }
        return out;
    }

    private static Map<String, Facts.Partner> partners(Connection c) throws SQLException {
        Map<String, Facts.Partner> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("select partner_id, name, type, status, country, payout_currency from partner");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Facts.Partner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5).trim(), rs.getString(6).trim()));
            }
        }
        return out;
    }

    private static Map<String, List<Object[]>> tiers(Connection c) throws SQLException {
        Map<String, List<Object[]>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("select partner_id, effective_at, tier_code from partner_tier order by effective_at, decided_at");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[]{rs.getTimestamp(2).toInstant(), rs.getString(3)});
            }
        }
        return out;
    }

    private static Facts.FxTable fx(Connection c) throws SQLException {
        Map<String, TreeMap<LocalDate, BigDecimal>> m = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("select from_ccy, to_ccy, rate_date, rate from fx_rate"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                m.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new TreeMap<>()).put(rs.getDate(3).toLocalDate(),
                        rs.getBigDecimal(4).stripTrailingZeros());
            }
        }
        return (from, to, date) -> {
            var t = m.get(from + "/" + to);
            var e = t == null ? null : t.floorEntry(date);
            return e == null ? Optional.empty() : Optional.of(new Facts.FxRate(from, to, e.getValue(), e.getKey()));
        };
    }
}
