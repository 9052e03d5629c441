package io.partnerflow.infra.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic, generated CRM history for the demo (same seed → same partners, deals, touches, refunds,
 * certifications, registrations): partners of every type in several countries and payout currencies, two quarters
 * of won deals with 0–5 partner touches in several currencies, partial refunds and cancellations, certifications,
 * and a handful of live deal registrations (some conflicting) whose deals close during the demo.
 */
public final class DemoWorld {
    public static final List<String> TYPES = List.of("RESELLER", "REFERRAL", "DISTRIBUTOR", "MSP", "TECHNOLOGY", "AGENT");
    /** country → (deal currency, payout currency). */
    static final Map<String, String[]> COUNTRIES = new LinkedHashMap<>();

    static {
        COUNTRIES.put("DE", new String[] {"EUR", "EUR"});
        COUNTRIES.put("FR", new String[] {"EUR", "EUR"});
        COUNTRIES.put("NL", new String[] {"EUR", "EUR"});
        COUNTRIES.put("US", new String[] {"USD", "USD"});
        COUNTRIES.put("CA", new String[] {"USD", "USD"});
        COUNTRIES.put("GB", new String[] {"GBP", "GBP"});
        COUNTRIES.put("JP", new String[] {"JPY", "USD"});
    }

    /** The product catalogue: SKU, name, category, unit price in USD (converted per deal currency), quantity range. */
    record Product(String sku, String name, String category, BigDecimal unitUsd, int minQty, int maxQty) {
    }

    static final List<Product> CATALOG = List.of(
            new Product("NWC-PLAT-ENT-1Y", "Platform Enterprise, annual", "software", new BigDecimal("180.00"), 10, 400),
            new Product("NWC-SEC-ADV-1Y", "Advanced Security add-on, annual", "software", new BigDecimal("42.00"), 10, 400),
            new Product("NWC-CLOUD-TB", "Cloud storage, TB-year", "cloud", new BigDecimal("310.00"), 1, 60),
            new Product("NWC-PS-ONB", "Onboarding services", "services", new BigDecimal("6500.00"), 1, 3),
            new Product("NWC-TRN-ADM", "Administrator training seat", "training", new BigDecimal("350.00"), 1, 12),
            new Product("NWC-EDGE-HW", "Edge appliance", "hardware", new BigDecimal("2400.00"), 1, 8));

    static final Map<String, BigDecimal> USD_TO = Map.of("USD", BigDecimal.ONE, "EUR", new BigDecimal("0.92"),
            "GBP", new BigDecimal("0.79"), "JPY", new BigDecimal("151"));

    static final List<String> TOUCH_TYPES = List.of("referral", "lead_generation", "demo", "co_sell_meeting",
            "technical_validation", "event", "mdf_campaign", "content_syndication", "resale");

    /**
     * A partner; {@code lifecycle} (growing, steady, declining, dormant, leaving, joiner), {@code weight} (Pareto, α 1.16)
     * and the months [{@code fromMonth}, {@code untilMonth}) are GENERATOR PARAMETERS: they only decide how often the
     * partner touches deals each month. Tiers, segments and scores come from the resulting deals, never from these.
     */
    public record Partner(int index, String key, String name, String type, String country, String payoutCurrency,
                          String domain, String crmAccountId, String lifecycle, double weight, int fromMonth, int untilMonth) {
    }

    public record Line(int lineNumber, String sku, String name, String category, int quantity, BigDecimal unitPrice,
                       BigDecimal amount) {
    }

    public record Touch(String touchpointId, int partnerIndex, String type, Instant occurredAt) {
    }

    public record Refund(String kind, Instant at, int lineNumber, BigDecimal amount, int quantity, String reason) {
    }

    public record Deal(String crmDealId, String name, String customerName, String customerDomain, String country,
                       String currency, BigDecimal amount, String dealType, Instant createdAt, Instant closedAt,
                       List<Line> lines, List<Touch> touches, Refund refund) {
    }

    public record Certification(int partnerIndex, String personId, String personName, String code, String name,
                                Instant completedAt) {
    }

    /** A live registration: partner, customer, product categories; {@code conflictsWith} ≥ 0 names the earlier one. */
    public record RegistrationPlan(int partnerIndex, String customerName, String customerDomain, String country,
                                   List<String> categories, BigDecimal expectedAmount, String currency, int conflictsWith) {
    }

    public final List<Partner> partners = new ArrayList<>();
    public final List<Deal> deals = new ArrayList<>();
    public final List<Certification> certifications = new ArrayList<>();
    public final List<RegistrationPlan> registrations = new ArrayList<>();
    public final LocalDate historyStart;
    public final LocalDate historyEnd;
    public final long seed;

    private DemoWorld(long seed, LocalDate historyStart, LocalDate historyEnd) {
        this.seed = seed;
        this.historyStart = historyStart;
        this.historyEnd = historyEnd;
    }

    /**
     * @param historyStart first day of the first quarter of history (deals close in [start, end))
     * @param quarters     how many calendar quarters of history
     */
    public static DemoWorld generate(long seed, int partnerCount, int dealCount, LocalDate historyStart, int quarters) {
        if (partnerCount < TYPES.size()) {
            throw new IllegalArgumentException("need at least " + TYPES.size() + " partners (one per type)");
        }
        DemoWorld w = new DemoWorld(seed, historyStart, historyStart.plusMonths(3L * quarters));
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> countries = new ArrayList<>(COUNTRIES.keySet());
        String[] first = {"Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Wingtip",
                "Lucerne", "Fourth Coffee", "Alpine", "Blue Yonder", "Coho", "Margie's", "Woodgrove", "Trey", "Humongous",
                "Wide World", "Graphic Design", "Relecloud"};
        String[] second = {"Systems", "Partners", "Solutions", "IT", "Consulting", "Digital", "Networks", "Group"};
        for (int i = 0; i < partnerCount; i++) {
            String type = TYPES.get(i % TYPES.size());
            String country = countries.get((i * 3 + i / 7) % countries.size());
            String name = first[i % first.length] + " " + second[(i / first.length + i) % second.length]
                    + (i >= first.length ? " " + country : "");
            String key = String.format("P%03d", i + 1);
            w.partners.add(new Partner(i, key, name, type, country, COUNTRIES.get(country)[1],
                    slug(name) + ".partners.example", "DEMO-" + key, "steady", 1, 0, 3 * quarters));
        }
        int months = 3 * quarters;
        for (int i = 0; i < partnerCount; i++) {
            DemoWorld.Partner p = w.partners.get(i);
            int roll = rnd.nextInt(100);
            String life = roll < 15 ? "growing" : roll < 45 ? "steady" : roll < 65 ? "declining"
                    : roll < 75 ? "dormant" : roll < 85 ? "leaving" : "joiner";
            double weight = Math.min(60, Math.pow(1 - rnd.nextDouble(), -1 / 1.16)); // Pareto: few partners, most revenue
            int from = "joiner".equals(life) ? months / 4 + rnd.nextInt(Math.max(1, months / 2)) : 0;
            int until = "dormant".equals(life) || "leaving".equals(life) ? months / 4 + rnd.nextInt(Math.max(1, months / 2)) : months;
            w.partners.set(i, new Partner(p.index(), p.key(), p.name(), p.type(), p.country(), p.payoutCurrency(), p.domain(),
                    p.crmAccountId(), life, weight, from, until));
        }
        double[][] cumulative = new double[months][];
        for (int m = 0; m < months; m++) {
            cumulative[m] = new double[partnerCount];
            double sum = 0;
            for (int i = 0; i < partnerCount; i++) {
                sum += w.partners.get(i).weight() * activity(w.partners.get(i), m, months);
                cumulative[m][i] = sum;
            }
        }
        long startSec = historyStart.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long endSec = w.historyEnd.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        String[] customers = {"Helvetia Logistik", "Acme", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises",
                "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Gringotts", "Oscorp", "Tyrell", "Monarch", "Pied Piper"};
        int touchSeq = 0;
        for (int d = 0; d < dealCount; d++) {
            Instant closedAt = Instant.ofEpochSecond(startSec + rnd.nextLong(endSec - startSec));
            closedAt = closedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant createdAt = closedAt.minus(Duration.ofDays(14 + rnd.nextInt(120)));
            String country = countries.get(rnd.nextInt(countries.size()));
            String currency = COUNTRIES.get(country)[0];
            String customer = customers[rnd.nextInt(customers.length)] + " " + country + " " + (1 + rnd.nextInt(40));
            List<Line> lines = new ArrayList<>();
            int nLines = 1 + rnd.nextInt(3);
            List<Product> picked = new ArrayList<>(CATALOG);
            Collections.shuffle(picked, new java.util.Random(seed * 31 + d));
            BigDecimal total = BigDecimal.ZERO;
            for (int l = 0; l < nLines; l++) {
                Product p = picked.get(l);
                int qty = p.minQty() + rnd.nextInt(p.maxQty() - p.minQty() + 1);
                int scale = Currency.getInstance(currency).getDefaultFractionDigits();
                BigDecimal unit = p.unitUsd().multiply(USD_TO.get(currency)).setScale(scale, RoundingMode.HALF_EVEN);
                BigDecimal amount = unit.multiply(BigDecimal.valueOf(qty)).setScale(scale, RoundingMode.HALF_EVEN);
                lines.add(new Line(l + 1, p.sku(), p.name(), p.category(), qty, unit, amount));
                total = total.add(amount);
            }
            List<Touch> touches = new ArrayList<>();
            int nTouches = weightedTouchCount(rnd);
            int month = monthIndex(historyStart, closedAt, months);
            for (int t = 0; t < nTouches; t++) {
                int partner = pick(cumulative[month], rnd);
                String type = t == 0 && rnd.nextInt(3) == 0 ? "referral" : TOUCH_TYPES.get(1 + rnd.nextInt(TOUCH_TYPES.size() - 1));
                long span = Duration.between(createdAt, closedAt).getSeconds();
                Instant at = createdAt.plusSeconds((long) ((t + 1) * (span / (double) (nTouches + 1))));
                touches.add(new Touch("DEMO-TP-" + nameUuid(seed, "touch", ++touchSeq), partner, type, at));
            }
            Refund refund = null;
            int r = rnd.nextInt(100);
            if (r < 4 && !touches.isEmpty()) {
                Line line = lines.get(0);
                int qty = Math.max(1, line.quantity() / 4);
                BigDecimal amount = line.unitPrice().multiply(BigDecimal.valueOf(qty));
                refund = new Refund("refund", closedAt.plus(Duration.ofDays(10 + rnd.nextInt(30))), line.lineNumber(), amount, qty,
                        qty + " units of " + line.sku() + " returned");
            } else if (r < 5 && !touches.isEmpty()) {
                refund = new Refund("cancellation", closedAt.plus(Duration.ofDays(5 + rnd.nextInt(20))), 0, null, 0,
                        "contract cancelled by the customer");
            }
            String dealType = rnd.nextInt(4) == 0 ? "renewal" : rnd.nextInt(5) == 0 ? "upsell" : "new";
            w.deals.add(new Deal("DEMO-OPP-" + nameUuid(seed, "deal", d + 1), customer + " - " + lines.get(0).name(),
                    customer, slug(customer) + ".example", country, currency, total, dealType, createdAt, closedAt,
                    List.copyOf(lines), List.copyOf(touches), refund));
        }
        w.deals.sort(java.util.Comparator.comparing(Deal::closedAt).thenComparing(Deal::crmDealId));
        String[][] certs = {{"platform-admin-professional", "Platform Administrator Professional"},
                {"security-specialist", "Security Specialist"}, {"cloud-architect", "Cloud Architect"}};
        for (int i = 0; i < partnerCount * 3 / 2; i++) {
            int partner = rnd.nextInt(partnerCount);
            String[] c = certs[rnd.nextInt(certs.length)];
            Instant at = Instant.ofEpochSecond(startSec + rnd.nextLong(endSec - startSec)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            w.certifications.add(new Certification(partner, String.format("person-%s-%02d", w.partners.get(partner).key(), i % 7),
                    "Engineer " + (i + 1), c[0], c[1], at));
        }
        w.certifications.sort(java.util.Comparator.comparing(Certification::completedAt));
        // live registrations: 12 customers; every fourth one is registered a second time by another partner (conflict)
        for (int i = 0; i < 12; i++) {
            int partner = (i * 5) % partnerCount;
            String country = countries.get(i % countries.size());
            String customer = "Registered Prospect " + (i + 1);
            List<String> cats = i % 2 == 0 ? List.of("software") : List.of("software", "cloud");
            BigDecimal expected = new BigDecimal(20000 + 2500 * i);
            w.registrations.add(new RegistrationPlan(partner, customer, slug(customer) + ".example", country, cats, expected,
                    COUNTRIES.get(country)[0], -1));
            if (i % 4 == 3) {
                w.registrations.add(new RegistrationPlan((partner + 1) % partnerCount, customer, slug(customer) + ".example",
                        country, List.of("software"), expected, COUNTRIES.get(country)[0], w.registrations.size() - 1));
            }
        }
        return w;
    }

    /** How active a partner is in month {@code m} of {@code months} (0 = no deals), by its life cycle. */
    static double activity(Partner p, int m, int months) {
        double t = months <= 1 ? 0 : m / (double) (months - 1);
        if (m < p.fromMonth() || m >= p.untilMonth()) {
            return 0;
        }
        return switch (p.lifecycle()) {
            case "growing" -> 0.3 + 1.7 * t;
            case "declining" -> Math.max(0.05, 1.6 - 1.8 * t);
            case "joiner" -> Math.min(1.5, 0.3 + 0.2 * (m - p.fromMonth()));
            case "dormant" -> 1.0 - 0.6 * m / (double) Math.max(1, p.untilMonth()); // fades, then goes quiet
            default -> 1.0; // steady; leaving until it leaves
        };
    }

    private static int monthIndex(LocalDate start, Instant at, int months) {
        LocalDate d = at.atZone(ZoneOffset.UTC).toLocalDate();
        int m = (d.getYear() - start.getYear()) * 12 + d.getMonthValue() - start.getMonthValue();
        return Math.max(0, Math.min(months - 1, m));
    }

    private static int pick(double[] cumulative, SplittableRandom rnd) {
        if (cumulative[cumulative.length - 1] <= 0) {
            return rnd.nextInt(cumulative.length); // nobody active this month (tiny worlds): anyone
        }
        double x = rnd.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** A name-based (type 3) UUID of the seed, a kind and a number: the same seed gives the same CRM ids on every run. */
    static String nameUuid(long seed, String kind, int n) {
        return java.util.UUID.nameUUIDFromBytes(("partnerflow-demo:" + seed + ":" + kind + ":" + n)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static int weightedTouchCount(SplittableRandom rnd) {
        int r = rnd.nextInt(100);
        return r < 8 ? 0 : r < 30 ? 1 : r < 55 ? 2 : r < 78 ? 3 : r < 92 ? 4 : 5;
    }

    static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    public int touchedDeals() {
        return (int) deals.stream().filter(d -> !d.touches().isEmpty()).count();
    }
}
