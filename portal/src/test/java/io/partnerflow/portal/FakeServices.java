package io.partnerflow.portal;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double of the services for the portal's own logic (what it forwards, how it shows their answers): one local HTTP
 * server answering canned JSON and recording each request's path and Authorization header. The real services are
 * exercised by the e2e test (PortalEndToEndTest). Also writes a dev key pair for the local sign-in.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {
    record Call(String method, String path, String authorization) {
    }

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    static final String PARTNER_A = "11111111-1111-4111-8111-111111111111";
    static final String PARTNER_B = "22222222-2222-4222-8222-222222222222";
    static final String DASHBOARD = "33333333-3333-4333-8333-333333333333";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path keys = Files.createTempDirectory("portal-keys");
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            Files.writeString(keys.resolve("jwt-public.pem"), pem("PUBLIC KEY", kp.getPublic().getEncoded()));
            Files.writeString(keys.resolve("jwt-private.pem"), pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                String path = ex.getRequestURI().getPath();
                CALLS.add(new Call(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Authorization")));
                Object[] answer = answer(ex.getRequestMethod(), path);
                byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", (int) answer[0] >= 400 ? "application/problem+json" : "application/json");
                ex.sendResponseHeaders((int) answer[0], body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of("partnerflow.portal.local-sign-in", "true", "partnerflow.portal.keys-dir", keys.toString(),
                    "partnerflow.portal.services.partner", url, "partnerflow.portal.services.payout", url,
                    "partnerflow.portal.services.incentive", url, "partnerflow.portal.services.attribution", url,
                    "partnerflow.portal.services.analytics", url, "partnerflow.portal.services.deal", url, "partnerflow.portal.timeout", "2s");
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object[] answer(String method, String path) {
        if (path.equals("/partners")) {
            return new Object[]{200, "{\"items\":[{\"id\":\"" + PARTNER_A + "\",\"name\":\"Northwind\"},{\"id\":\"" + PARTNER_B
                    + "\",\"name\":\"Contoso\"}],\"page\":0,\"size\":50,\"total\":2}"};
        }
        if (path.startsWith("/partners/" + PARTNER_B)) {
            return new Object[]{404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no partner " + PARTNER_B + "\"}"};
        }
        if (path.equals("/partners/" + PARTNER_A)) {
            return new Object[]{200, "{\"id\":\"" + PARTNER_A + "\",\"name\":\"Northwind\"}"};
        }
        if (path.equals("/partners/" + PARTNER_A + "/earnings")) {
            return new Object[]{200, "[{\"earningId\":\"e1\",\"kind\":\"commission\",\"amount\":{\"amount\":\"562.50\",\"currency\":\"EUR\"},"
                    + "\"status\":\"pending\",\"bookingPeriod\":\"2026-11\",\"dealName\":\"Big deal\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}]"};
        }
        if (path.equals("/partners/" + PARTNER_A + "/balance")) {
            return new Object[]{200, "{\"balances\":[{\"currency\":\"EUR\",\"pending\":{\"amount\":\"562.50\",\"currency\":\"EUR\"},"
                    + "\"payable\":{\"amount\":\"0.00\",\"currency\":\"EUR\"},\"inPayment\":{\"amount\":\"0.00\",\"currency\":\"EUR\"},"
                    + "\"paid\":{\"amount\":\"0.00\",\"currency\":\"EUR\"},\"available\":{\"amount\":\"0.00\",\"currency\":\"EUR\"}}]}"};
        }
        if (path.equals("/partners/" + PARTNER_A + "/payouts")) {
            return new Object[]{200, "[]"};
        }
        if (path.equals("/partners/" + PARTNER_A + "/tier")) {
            return new Object[]{200, "{\"tier\":{\"code\":\"silver\",\"name\":\"Silver\",\"rank\":2}}"};
        }
        if (path.equals("/tier-ladder")) {
            return new Object[]{200, "{\"tiers\":[{\"code\":\"registered\",\"name\":\"Registered\",\"rank\":1,\"criteria\":[]},"
                    + "{\"code\":\"silver\",\"name\":\"Silver\",\"rank\":2,\"criteria\":[]},"
                    + "{\"code\":\"platinum\",\"name\":\"Platinum\",\"rank\":4,\"criteria\":[]},"
                    + "{\"code\":\"gold\",\"name\":\"Gold\",\"rank\":3,\"criteria\":["
                    + "{\"metric\":\"ATTRIBUTED_REVENUE\",\"threshold\":\"100000.00\",\"windowMonths\":12},"
                    + "{\"metric\":\"CERTIFIED_PEOPLE\",\"threshold\":\"2\"}]}]}"};
        }
        if (path.equals("/partners/" + PARTNER_A + "/tier-metrics")) {
            return new Object[]{200, "{\"values\":[{\"metric\":\"ATTRIBUTED_REVENUE\",\"windowMonths\":12,\"value\":\"62500.50\",\"unit\":\"EUR\"},"
                    + "{\"metric\":\"ATTRIBUTED_REVENUE\",\"windowMonths\":6,\"value\":\"99999.99\",\"unit\":\"EUR\"},"
                    + "{\"metric\":\"CERTIFIED_PEOPLE\",\"value\":\"3\",\"unit\":\"people\"}]}"};
        }
        if (path.equals("/badges/" + PARTNER_A)) {
            return new Object[]{200, "[{\"badge\":\"first-won-deal\",\"badgeName\":\"First win\",\"reason\":\"first won deal (1 deal won)\"}]"};
        }
        if (path.equals("/challenges")) {
            return new Object[]{200, "[]"};
        }
        if (path.startsWith("/leaderboards/deals-won")) {
            return new Object[]{200, "{\"metric\":\"deals-won\",\"unit\":\"count\",\"entries\":[{\"rank\":1,\"partnerId\":\"" + PARTNER_A
                    + "\",\"name\":\"Northwind\",\"value\":\"9\"}],\"you\":{\"rank\":7,\"value\":\"62500.50\",\"you\":true}}"};
        }
        if (path.equals("/segments")) {
            return new Object[]{200, "[]"};
        }
        if (path.equals("/predictions/at-risk")) {
            return new Object[]{200, "{\"modelVersion\":3,\"trainedThrough\":\"2026-Q3\",\"quarter\":\"2026-Q4\",\"partners\":[{\"partnerId\":\"" + PARTNER_B
                    + "\",\"modelVersion\":3,\"atRisk\":0.83,\"drivers\":[{\"feature\":\"deals_last_quarter\",\"contribution\":1.20},"
                    + "{\"feature\":\"revenue_growth\",\"contribution\":0.40}]}]}"};
        }
        if (path.equals("/mdf-roi")) {
            String m = "{\"allocated\":{\"amount\":\"5426.50\",\"currency\":\"USD\"},\"claimed\":{\"amount\":\"3255.90\",\"currency\":\"USD\"},"
                    + "\"reimbursed\":{\"amount\":\"3038.84\",\"currency\":\"USD\"},\"influencedRevenue\":{\"amount\":\"37853.00\",\"currency\":\"USD\"},"
                    + "\"roi\":\"12.4564\"}";
            return new Object[]{200, "{\"period\":\"2026-Q4\",\"baseCurrency\":\"USD\",\"partners\":[{\"partnerId\":\"" + PARTNER_A
                    + "\",\"name\":null,\"mdf\":" + m + ",\"complete\":true}],\"total\":" + m + "}"};
        }
        if (path.equals("/predictions/forecast")) {
            return new Object[]{200, "{\"modelVersion\":3,\"quarter\":\"2026-Q4\",\"program\":{\"forecast\":{\"amount\":\"120000.00\",\"currency\":\"USD\"},"
                    + "\"low\":{\"amount\":\"90000.00\",\"currency\":\"USD\"},\"high\":{\"amount\":\"150000.00\",\"currency\":\"USD\"},\"partners\":2},"
                    + "\"partners\":[{\"partnerId\":\"" + PARTNER_A + "\",\"forecast\":{\"amount\":\"80000.00\",\"currency\":\"USD\"},"
                    + "\"forecastLow\":{\"amount\":\"60000.00\",\"currency\":\"USD\"},\"forecastHigh\":{\"amount\":\"100000.00\",\"currency\":\"USD\"}}]}"};
        }
        if (path.equals("/partners/" + PARTNER_A + "/disputes")) {
            return method.equals("POST") ? new Object[]{201, "{\"disputeId\":\"d1\",\"status\":\"open\"}"}
                    : new Object[]{200, "[{\"disputeId\":\"d1\",\"earningId\":\"e1\",\"reason\":\"rate should be 12 %\",\"status\":\"open\",\"openedAt\":\"2026-12-04T09:00:00Z\"}]"};
        }
        if (path.equals("/registrations")) {
            return method.equals("POST")
                    ? new Object[]{400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"customer.country: must be an ISO 3166-1 alpha-2 code\"}"}
                    : new Object[]{200, "[{\"id\":\"r1\",\"customerName\":\"Acme GmbH\",\"customerCountry\":\"DE\",\"productCategories\":[\"software\"],"
                    + "\"status\":\"submitted\",\"conflicts\":[{\"productCategory\":\"software\",\"reason\":\"Contoso registered acme.de for software on 2026-11-02\"}]}]"};
        }
        if (path.equals("/payout-runs/r1/approve")) {
            return new Object[]{403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"maker-checker: frank created run r1 and cannot approve it\"}"};
        }
        if (path.equals("/payout-runs/r1")) {
            return new Object[]{200, "{\"runId\":\"r1\",\"cutoff\":\"2026-11-30\",\"status\":\"draft\",\"createdBy\":\"frank\",\"items\":[],"
                    + "\"totals\":[{\"amount\":\"562.50\",\"currency\":\"EUR\"}],\"held\":[]}"};
        }
        if (path.equals("/payout-runs")) {
            return new Object[]{200, "[]"};
        }
        if (path.equals("/dashboards")) {
            return new Object[]{200, "[{\"id\":\"" + DASHBOARD + "\",\"name\":\"Q3 revenue\",\"widgets\":[]}]"};
        }
        if (path.equals("/dashboards/" + DASHBOARD + "/figures")) {
            return new Object[]{200, figures("1750.40")};
        }
        if (path.equals("/dashboards/" + DASHBOARD + "/stream")) {
            // one event, then the stream ends (the real one stays open)
            return new Object[]{200, "data: " + figures("1800.00") + "\n\n"};
        }
        if (path.startsWith("/dashboards/")) {
            return new Object[]{404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"dashboard not found\"}"};
        }
        return new Object[]{500, "{\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"boom: java.lang.NullPointerException at Foo.java:12\"}"};
    }

    /** A dashboard's figures as analytics-service answers them: a number, partners as bars, counts by region. */
    static String figures(String revenue) {
        return "{\"id\":\"" + DASHBOARD + "\",\"name\":\"Q3 revenue\",\"widgets\":["
                + "{\"title\":\"Revenue\",\"metric\":\"revenue\",\"dimension\":\"none\",\"chart\":\"number\",\"period\":\"2026-Q3\","
                + "\"unit\":\"USD\",\"value\":\"" + revenue + "\",\"points\":[],\"partners\":2,\"incomplete\":0},"
                + "{\"title\":\"Sourced by partner\",\"metric\":\"sourced-revenue\",\"dimension\":\"partner\",\"chart\":\"bar\","
                + "\"period\":\"2026-Q3\",\"unit\":\"USD\",\"value\":\"1250.35\",\"points\":[{\"key\":\"" + PARTNER_A
                + "\",\"label\":\"Northwind\",\"value\":\"1000.10\"},{\"key\":\"" + PARTNER_B + "\",\"label\":\"Contoso\",\"value\":\"250.25\"}],"
                + "\"partners\":2,\"incomplete\":1},"
                + "{\"title\":\"Deals by region\",\"metric\":\"deals-won\",\"dimension\":\"region\",\"chart\":\"table\",\"period\":\"2026-Q3\","
                + "\"unit\":\"count\",\"value\":\"3\",\"points\":[{\"key\":\"amer\",\"label\":\"amer\",\"value\":\"2\"},"
                + "{\"key\":\"emea\",\"label\":\"emea\",\"value\":\"1\"}],\"partners\":2,\"incomplete\":0}]}";
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
