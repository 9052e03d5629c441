package io.partnerflow.e2e;

import io.partnerflow.testing.InfraProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run command's start-up, as CI and ./run.sh use it: services on free ports never share one (each binds port 0
 * itself and reports what it got), every URL answers as its own service, and a service that cannot start makes the
 * launcher exit non-zero naming it — no wait on something that will never answer.
 */
class LauncherStartTest {
    private static final List<String> SERVICES = List.of("partner", "deal", "attribution", "incentive", "payout", "analytics");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void freePortsAreDistinctAndEachUrlAnswersAsItsOwnServiceStartAfterStart() throws Exception {
        // two starts: the suite's shared system (started with the same --free-ports) and one of this test's own, so
        // ports are distinct within each start and vary between them — without paying for a third full start-up
        List<String> shared = new ArrayList<>();
        for (String svc : SERVICES) {
            shared.add(SystemUnderTest.get().url(svc));
        }
        Path work = Path.of("target", "launcher-start", "run").toAbsolutePath();
        try (InfraProcess system = InfraProcess.startIn(InfraProcess.repoRoot(), work, List.of("run", "--free-ports",
                "--ephemeral", "--no-demo", "--state-dir", work.resolve("state").toString()), 300)) {
            List<String> own = new ArrayList<>();
            for (String svc : SERVICES) {
                own.add(system.fact(svc + "-service.url"));
            }
            for (List<String> urls : List.of(shared, own)) {
                for (int i = 0; i < SERVICES.size(); i++) {
                    assertEquals(SERVICES.get(i) + "-service", serviceNameAt(urls.get(i)), urls.get(i) + " should be " + SERVICES.get(i));
                }
                assertEquals(SERVICES.size(), new HashSet<>(urls).size(), "a start handed out a port twice: " + urls);
            }
            Set<String> seen = new HashSet<>(shared);
            seen.addAll(own);
            assertTrue(seen.size() > SERVICES.size(), "free ports should vary between starts: " + seen);
        }
    }

    @Test
    void aServiceThatCannotStartMakesTheLauncherExitNonZeroNamingIt() throws Exception {
        Path work = Path.of("target", "launcher-start", "broken").toAbsolutePath();
        long t0 = System.nanoTime();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> InfraProcess.startIn(
                InfraProcess.repoRoot(), work, List.of("run", "--free-ports", "--ephemeral", "--no-demo",
                        "--state-dir", work.resolve("state").toString(),
                        // only payout-service reads payout.*: it fails its configuration check at start
                        "--service-config", "payout.earnings.hold-window=not-a-duration"), 300));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String out = Files.readString(work.resolve("infra.log"));
        assertTrue(failure.getMessage().contains("exited with 1"), failure.getMessage());
        assertTrue(out.contains("Partnerflow did not start: payout-service exited with"), out);
        assertTrue(out.contains("hold-window"), "the log tail shows why: " + out);
        for (String other : List.of("partner", "deal", "attribution", "incentive", "analytics")) {
            assertTrue(!out.contains("did not start: " + other + "-service"), out);
        }
        assertTrue(seconds < 120, "should fail fast, took " + seconds + " s");
    }

    private String serviceNameAt(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        var m = java.util.regex.Pattern.compile("\"service\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }
}
