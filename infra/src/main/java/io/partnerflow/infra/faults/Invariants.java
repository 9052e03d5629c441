package io.partnerflow.infra.faults;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fault run's invariants, checked against the services' own databases (as the PostgreSQL superuser) and the
 * topics themselves. Each check returns a {@link Check}: passed or not, with the numbers behind it.
 */
final class Invariants {
    record Check(String name, boolean passed, String detail) {
    }

    /** Which services consume which topic (their application.properties). */
    static final Map<String, List<String>> CONSUMERS = new LinkedHashMap<>();

    static {
        CONSUMERS.put("crm.webhooks", List.of("deal"));
        CONSUMERS.put("partner.events", List.of("deal", "incentive", "payout", "analytics"));
        CONSUMERS.put("deal.events", List.of("attribution", "partner", "analytics"));
        CONSUMERS.put("attribution.events", List.of("partner", "incentive", "analytics"));
        CONSUMERS.put("reference.events", List.of("partner", "analytics"));
        CONSUMERS.put("incentive.earnings", List.of("payout", "analytics"));
        CONSUMERS.put("payout.events", List.of("analytics"));
        CONSUMERS.put("analytics.events", List.of("incentive"));
    }

    private final java.util.function.ToIntFunction<String> portOf;
    private final Topics topics;

    /** {@code portOf}: the port of the PostgreSQL server holding a database (one per database: ADR 0007). */
    Invariants(java.util.function.ToIntFunction<String> portOf, Topics topics) {
        this.portOf = portOf;
        this.topics = topics;
    }

    Connection db(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + portOf.applyAsInt(name) + "/" + name, "postgres", "postgres");
    }

    // ------------------------------------------------------------------ every accepted deal in the ledger exactly once

    Check everyAcceptedDealInTheLedgerExactlyOnce(Map<String, CrmLoad.Delivery> accepted, String crmPrefix) throws SQLException {
        Map<String, String> dealIdByCrm = new HashMap<>();
        try (Connection c = db("deal"); PreparedStatement ps = c.prepareStatement(
                "select crm_deal_id, id::text from deal where crm_deal_id like ?")) {
            ps.setString(1, crmPrefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dealIdByCrm.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Set<String> dealIds = new HashSet<>(dealIdByCrm.values());
        // attribution: one attribution per deal revision, credits summing to the deal's amount to the cent
        Map<String, BigDecimal> credited = new HashMap<>();
        int multiplyAttributed = 0;
        try (Connection c = db("attribution"); ResultSet rs = c.createStatement().executeQuery(
                "select a.deal_id, a.revision, count(distinct a.id), sum(cr.amount) from attribution a"
                        + " join attribution_credit cr on cr.attribution_id = a.id group by a.deal_id, a.revision")) {
            while (rs.next()) {
                if (dealIds.contains(rs.getString(1))) {
                    multiplyAttributed += rs.getLong(3) > 1 ? 1 : 0;
                    credited.merge(rs.getString(1), rs.getBigDecimal(4), (a, b) -> a.max(b));
                }
            }
        }
        Map<String, Map<String, BigDecimal>> published = earnings("incentive",
                "select deal_id, earning_id::text, amount from earning where deal_id is not null", dealIds);
        Map<String, Map<String, BigDecimal>> ledger = earnings("payout",
                "select e.deal_id, e.earning_id::text, sum(p.amount) from earning e join journal j on j.earning_id = e.earning_id"
                        + " and lower(j.kind) = 'earning_booked' join posting p on p.journal_id = j.id and p.account_code like 'partner:%'"
                        + " group by e.deal_id, e.earning_id", dealIds);
        Map<String, Long> bookings = new HashMap<>();
        try (Connection c = db("payout"); ResultSet rs = c.createStatement().executeQuery(
                "select earning_id::text, count(*) from journal where lower(kind) = 'earning_booked' group by earning_id")) {
            while (rs.next()) {
                bookings.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<String> problems = new ArrayList<>();
        int earnings = 0;
        for (CrmLoad.Delivery d : accepted.values()) {
            String dealId = dealIdByCrm.get(d.crmDealId());
            if (dealId == null) {
                problems.add(d.crmDealId() + ": accepted but not in deal-service");
                continue;
            }
            BigDecimal credit = credited.get(dealId);
            if (credit == null || credit.compareTo(new BigDecimal(d.amount())) != 0) {
                problems.add(d.crmDealId() + ": credits " + credit + " ≠ deal " + d.amount());
            }
            Map<String, BigDecimal> pub = published.getOrDefault(dealId, Map.of());
            Map<String, BigDecimal> led = ledger.getOrDefault(dealId, Map.of());
            if (pub.isEmpty()) {
                problems.add(d.crmDealId() + ": no earning published");
            }
            if (!pub.keySet().equals(led.keySet())) {
                problems.add(d.crmDealId() + ": ledger earnings " + led.keySet() + " ≠ published " + pub.keySet());
            }
            for (var e : pub.entrySet()) {
                earnings++;
                BigDecimal booked = led.get(e.getKey());
                // the booking credits the partner's account with the earning's amount (a negative posting)
                if (booked == null || booked.negate().compareTo(e.getValue()) != 0) {
                    problems.add(d.crmDealId() + ": earning " + e.getKey() + " booked " + booked + " for " + e.getValue());
                }
                if (bookings.getOrDefault(e.getKey(), 0L) != 1) {
                    problems.add(d.crmDealId() + ": earning " + e.getKey() + " booked " + bookings.get(e.getKey()) + " times");
                }
            }
        }
        if (multiplyAttributed > 0) {
            problems.add(multiplyAttributed + " deal revisions attributed more than once");
        }
        return new Check("every accepted deal reached the ledger exactly once", problems.isEmpty(), String.format(
                "%d accepted deals → %d in deal-service, %d attributed (credits = deal amount), %d earnings published,"
                        + " each booked once in the ledger with the same amount%s", accepted.size(), dealIdByCrm.size(),
                credited.size(), earnings, problems.isEmpty() ? "" : "; PROBLEMS: " + head(problems)));
    }

    private Map<String, Map<String, BigDecimal>> earnings(String db, String sql, Set<String> dealIds) throws SQLException {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        try (Connection c = db(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                if (dealIds.contains(rs.getString(1))) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).merge(rs.getString(2), rs.getBigDecimal(3), BigDecimal::add);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ journals balance

    Check everyJournalBalances() throws SQLException {
        try (Connection c = db("payout")) {
            long journals = count(c, "select count(*) from journal");
            long postings = count(c, "select count(*) from posting");
            long unbalanced = count(c, "select count(*) from (select journal_id, currency from posting group by journal_id, currency"
                    + " having sum(amount) <> 0) u");
            long thin = count(c, "select count(*) from journal j where (select count(*) from posting p where p.journal_id = j.id) < 2");
            BigDecimal total = scalar(c, "select coalesce(sum(amount), 0) from posting");
            return new Check("every journal balances", unbalanced == 0 && thin == 0 && total.signum() == 0, String.format(
                    "%d journals, %d postings; unbalanced (journal × currency): %d; with < 2 postings: %d; sum of all postings: %s",
                    journals, postings, unbalanced, thin, total.stripTrailingZeros().toPlainString()));
        }
    }

    // ------------------------------------------------------------------ no earning paid twice

    Check noEarningPaidTwice() throws SQLException {
        try (Connection c = db("payout")) {
            long runs = count(c, "select count(*) from payout_run");
            long paidItems = count(c, "select count(*) from payout_item where status = 'paid'");
            long paidLines = count(c, "select count(*) from payout_item_earning pie join payout_item pi on pi.id = pie.item_id"
                    + " where pi.status = 'paid'");
            long paidTwice = count(c, "select count(*) from (select pie.earning_id from payout_item_earning pie join payout_item pi"
                    + " on pi.id = pie.item_id where pi.status = 'paid' group by pie.earning_id having count(*) > 1) t");
            long liveTwice = count(c, "select count(*) from (select earning_id from payout_item_earning where not released"
                    + " group by earning_id having count(*) > 1) t");
            long itemMismatch = count(c, "select count(*) from payout_item pi where pi.amount <> (select sum(pie.amount)"
                    + " from payout_item_earning pie where pie.item_id = pi.id)");
            long paidJournalsTwice = count(c, "select count(*) from (select run_item_id from journal where lower(kind) = 'payout_paid'"
                    + " group by run_item_id having count(*) > 1) t");
            boolean ok = paidTwice == 0 && liveTwice == 0 && itemMismatch == 0 && paidJournalsTwice == 0 && paidLines > 0;
            return new Check("no earning paid twice", ok, String.format("%d runs, %d items paid covering %d earning lines;"
                            + " earnings in two paid items: %d; in two live items: %d; items ≠ sum of their lines: %d;"
                            + " items with two paid journals: %d", runs, paidItems, paidLines, paidTwice, liveTwice, itemMismatch,
                    paidJournalsTwice));
        }
    }

    // ------------------------------------------------------------------ produced = processed + dead-lettered

    /**
     * Per topic and consuming service: every produced event id was either applied (in the service's inbox), or
     * dead-lettered (on {@code <topic>.dlq.<service>}), or is of a type the service never handles; records without an
     * id (raw poison) must all be dead-lettered; and the group's lag is 0.
     */
    Check producedEqualsProcessedPlusDeadLettered(List<String> report) throws Exception {
        List<String> problems = new ArrayList<>();
        report.add(String.format("  %-20s %-12s %8s %9s %8s %9s %9s  %s", "topic", "consumer", "records", "distinct", "applied",
                "dead-let.", "not for it", "lag"));
        Map<String, Map<String, Long>> lagByService = new HashMap<>();
        for (var entry : CONSUMERS.entrySet()) {
            String topic = entry.getKey();
            List<Topics.Rec> records = topics.readAll(topic);
            Map<String, String> typeById = new HashMap<>();
            Set<String> unidentifiedKeys = new TreeSet<>();
            for (Topics.Rec r : records) {
                if (r.id() == null) {
                    unidentifiedKeys.add(String.valueOf(r.key()));
                } else {
                    typeById.putIfAbsent(r.id(), String.valueOf(r.type()));
                }
            }
            if (entry.getValue().isEmpty()) {
                report.add(String.format("  %-20s %-12s %8d %9d %8s %9s %9s  %s", topic, "(none)", records.size(), typeById.size(),
                        "-", "-", "-", "-"));
            }
            for (String svc : entry.getValue()) {
                Set<String> applied = new HashSet<>();
                Set<String> appliedTypes = new HashSet<>();
                try (Connection c = db(svc); PreparedStatement ps = c.prepareStatement(
                        "select event_id, event_type from processed_event where consumer = ? and topic = ?")) {
                    ps.setString(1, svc + "-service");
                    ps.setString(2, topic);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            applied.add(rs.getString(1));
                            appliedTypes.add(rs.getString(2));
                        }
                    }
                }
                Set<String> dlqIds = new HashSet<>();
                Set<String> dlqKeys = new HashSet<>();
                for (Topics.Rec r : topics.readAll(topic + ".dlq." + svc + "-service")) {
                    if (r.id() != null) {
                        dlqIds.add(r.id());
                    }
                    dlqKeys.add(String.valueOf(r.key()));
                }
                Map<String, Integer> notForIt = new TreeMap<>();
                int appliedHere = 0;
                int deadHere = 0;
                for (var idType : typeById.entrySet()) {
                    if (applied.contains(idType.getKey())) {
                        appliedHere++;
                    } else if (dlqIds.contains(idType.getKey())) {
                        deadHere++;
                    } else {
                        notForIt.merge(idType.getValue(), 1, Integer::sum);
                        if (appliedTypes.contains(idType.getValue())) {
                            problems.add(svc + " lost " + idType.getValue() + " " + idType.getKey() + " from " + topic);
                        }
                    }
                }
                for (String key : unidentifiedKeys) {
                    if (dlqKeys.contains(key)) {
                        deadHere++;
                    } else {
                        problems.add(svc + ": record without an id (key " + key + ") on " + topic + " neither applied nor dead-lettered");
                    }
                }
                Map<String, Long> groupLag = lagByService.get(svc);
                if (groupLag == null) {
                    groupLag = topics.lag(svc + "-service");
                    lagByService.put(svc, groupLag);
                }
                long lag = groupLag.getOrDefault(topic, -1L);
                if (lag != 0) {
                    problems.add(svc + "-service lag on " + topic + " = " + lag);
                }
                report.add(String.format("  %-20s %-12s %8d %9d %8d %9d %9d  %d%s", topic, svc, records.size(),
                        typeById.size() + unidentifiedKeys.size(), appliedHere, deadHere,
                        notForIt.values().stream().mapToInt(Integer::intValue).sum(), lag,
                        notForIt.isEmpty() ? "" : "   (not handled by " + svc + ": " + notForIt.keySet().stream()
                                .map(t -> t.replace("partnerflow.", "")).toList() + ")"));
            }
        }
        return new Check("produced = processed + dead-lettered", problems.isEmpty(), problems.isEmpty()
                ? "every event id on every topic was applied once by each consumer, dead-lettered by it, or is of a type it never"
                + " handles; raw poison dead-lettered; every consumer group's lag is 0"
                : "PROBLEMS: " + head(problems));
    }

    // ------------------------------------------------------------------ hashes for the replay

    /** SHA-256 over the ledger's event-booked journals and their postings (ids, partner, earning, account, amount). */
    String ledgerHash(String db) throws Exception {
        return hash(db, "select j.id::text, lower(j.kind), j.partner_id, j.earning_id::text, p.account_code, p.currency, p.amount"
                + " from journal j join posting p on p.journal_id = j.id where lower(j.kind) = 'earning_booked'"
                + " order by j.id, p.account_code, p.currency, p.amount");
    }

    String earningsHash(String db) throws Exception {
        return hash(db, "select earning_id::text, event_type, partner_id, kind, rule_id::text, deal_id, attribution_id, amount, currency"
                + " from earning order by earning_id");
    }

    String attributionHash(String db) throws Exception {
        return hash(db, "select a.id::text, a.deal_id, a.revision, c.entry_id::text, c.entry_kind, c.partner_id, c.role, c.weight,"
                + " c.amount, c.currency from attribution a join attribution_credit c on c.attribution_id = a.id"
                + " order by a.id, c.partner_id, c.entry_id");
    }

    long count(String db, String sql) throws SQLException {
        try (Connection c = db(db)) {
            return count(c, sql);
        }
    }

    private String hash(String db, String sql) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long rows = 0;
        try (Connection c = db(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows++;
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    line.append(v instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : String.valueOf(v)).append('|');
                }
                sha.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16) + " (" + rows + " rows)";
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static BigDecimal scalar(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private static String head(List<String> problems) {
        return problems.size() <= 8 ? String.join("; ", problems) : String.join("; ", problems.subList(0, 8)) + "; … ("
                + problems.size() + " in all)";
    }
}
