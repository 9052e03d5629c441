package io.partnerflow.e2e;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes every REST operation of the six running services (from their own OpenAPI documents) with hostile bodies
 * and parameters ({@link HostileInputs}) and checks, for every single request:
 * <ol>
 *   <li>never a 5xx;</li>
 *   <li>every 4xx is {@code application/problem+json};</li>
 *   <li>a refused request (4xx) wrote NO row: the row counts of every table of the service's database (outbox
 *       included) are the same before and after it. Events of earlier requests may still land meanwhile, so a
 *       difference is checked again: wait until the database is quiet, send the same request again and compare
 *       again — only a difference that repeats is a failure (a refused request that writes does so every time).</li>
 * </ol>
 * Skipped: the CRM webhook intake (signature-protected, covered by its own tests) and {@code /admin/clock}.
 * Tries per operation: {@code -Dfuzz.tries} (default 16, 10 with CI=true); seed {@code -Dfuzz.seed} (printed).
 * The counts (requests, operations per service, status histogram) are printed and written to
 * {@code target/fuzz-report.txt}.
 */
class HostileInputFuzzTest {
    private static final List<String> SERVICES = List.of("partner", "deal", "attribution", "incentive", "payout", "analytics");
    private static SystemUnderTest sut;

    @BeforeContainer
    static void startSystem() throws Exception {
        sut = SystemUnderTest.get();
    }

    static boolean skipped(String path) {
        return path.contains("webhook") || path.startsWith("/admin/clock") || path.startsWith("/q/");
    }

    /** A jqwik example (not a property): the generators need jqwik's lifecycle; tries and seed are ours. */
    @Example
    void hostileInputIsAlwaysA4xxProblemAndWritesNothing() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        int tries = Integer.getInteger("fuzz.tries", ci ? 10 : 16);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        HostileInputs inputs = new HostileInputs(seed);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String staff = sut.bearer("fuzz-staff", "admin", "channel-manager", "finance");
        String partner = sut.partnerBearer("fuzz-partner", UUID.randomUUID().toString());

        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> operations = new LinkedHashMap<>();
        Map<String, Integer> requestsPerService = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int rechecks = 0;
        long started = System.nanoTime();

        for (String svc : SERVICES) {
            String base = sut.url(svc);
            List<OpenApiOperations.Operation> ops = OpenApiOperations.read(http, svc, base, HostileInputFuzzTest::skipped);
            operations.put(svc, ops.size());
            // each service database has a PostgreSQL server of its own (ADR 0007)
            try (RowCounts db = new RowCounts(Integer.parseInt(sut.process.fact("postgres.port." + svc)), svc)) {
                db.quiet(300, 20_000);
                for (HostileInputs.FuzzCase probe : protocolProbes(ops)) {
                    HttpResponse<String> r = send(http, base, probe, staff);
                    requests++;
                    requestsPerService.merge(svc, 1, Integer::sum);
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    String type = r.headers().firstValue("Content-Type").orElse("");
                    if (r.statusCode() < 400 || r.statusCode() >= 500 || !type.startsWith("application/problem+json")) {
                        failures.add("protocol: " + svc + " " + probe.method() + " " + probe.target() + " [" + probe.what()
                                + "] → " + r.statusCode() + " " + type + " " + HostileInputs.preview(r.body()));
                    }
                }
                for (OpenApiOperations.Operation op : ops) {
                    for (int i = 0; i < tries; i++) {
                        HostileInputs.FuzzCase c = inputs.next(op);
                        String bearer = switch (c.token()) {
                            case "STAFF" -> staff;
                            case "PARTNER" -> partner;
                            default -> null;
                        };
                        Map<String, Long> before = db.snapshot();
                        HttpResponse<String> r = send(http, base, c, bearer);
                        Map<String, Long> after = db.snapshot();
                        requests++;
                        requestsPerService.merge(svc, 1, Integer::sum);
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        String where = op.id() + " [" + c.what() + "] → " + r.statusCode();
                        if (r.statusCode() >= 500) {
                            failures.add("5xx: " + where + " " + HostileInputs.preview(r.body()));
                            continue;
                        }
                        if (r.statusCode() >= 400) {
                            String type = r.headers().firstValue("Content-Type").orElse("");
                            if (!type.startsWith("application/problem+json")) {
                                failures.add("4xx without problem+json (" + type + "): " + where + " "
                                        + HostileInputs.preview(r.body()));
                            }
                            Map<String, Long> written = RowCounts.diff(before, after);
                            if (!written.isEmpty()) {
                                rechecks++;
                                Map<String, Long> quiet = db.quiet(300, 10_000);
                                HttpResponse<String> again = send(http, base, c, bearer);
                                requests++;
                                Map<String, Long> again2 = RowCounts.diff(quiet, db.snapshot());
                                if (again.statusCode() >= 400 && !again2.isEmpty()) {
                                    failures.add("refused but wrote " + again2 + ": " + where);
                                }
                            }
                        }
                    }
                }
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        String report = "hostile-input fuzz: seed " + seed + ", " + tries + " tries per operation, " + requests
                + " requests in " + seconds + " s (" + rechecks + " row-count differences re-checked)\n"
                + "operations per service: " + operations + "\n"
                + "requests per service: " + requestsPerService + "\n"
                + "status histogram: " + statuses + "\n"
                + "failures: " + failures.size() + "\n" + String.join("\n", failures) + "\n";
        System.out.println(report);
        Files.writeString(Path.of("target", "fuzz-report.txt"), report);
        assertTrue(operations.values().stream().allMatch(n -> n > 0), "every service publishes operations: " + operations);
        assertTrue(failures.isEmpty(), failures.size() + " failures (seed " + seed + "):\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
    }

    /** 404 (no such path), 405 (wrong method), 415 (not JSON), 406 (cannot produce the Accept type): all problems. */
    private static List<HostileInputs.FuzzCase> protocolProbes(List<OpenApiOperations.Operation> ops) {
        List<HostileInputs.FuzzCase> probes = new ArrayList<>();
        probes.add(new HostileInputs.FuzzCase("GET", "/no-such-path/" + UUID.randomUUID(), "", null, null, "STAFF",
                "no such path"));
        ops.stream().filter(o -> o.method().equals("POST") && o.body() != null && !o.path().contains("{")).findFirst()
                .ifPresent(o -> {
                    probes.add(new HostileInputs.FuzzCase("PATCH", o.path(), "", "application/json", "{}".getBytes(),
                            "STAFF", "method not allowed"));
                    probes.add(new HostileInputs.FuzzCase("POST", o.path(), "", "text/plain", "hello".getBytes(),
                            "STAFF", "not JSON"));
                    probes.add(new HostileInputs.FuzzCase("POST", o.path(), "", "application/json", "{}".getBytes(),
                            "STAFF", "accept:application/xml"));
                });
        return probes;
    }

    private static HttpResponse<String> send(HttpClient http, String base, HostileInputs.FuzzCase c, String bearer)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + c.target())).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        b.header("Accept", c.what().startsWith("accept:") ? c.what().substring(7) : "application/json, application/problem+json");
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        return http.send(b.method(c.method(), body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
