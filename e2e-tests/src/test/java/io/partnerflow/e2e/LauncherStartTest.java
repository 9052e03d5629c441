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
 * launcher exit non-zero naming it as soon as it exits — no wait on something that will never answer, nor on the
 * services started before it.
 */
class LauncherStartTest {
    private static final List<String> SERVICES = List.of("partner", "deal", "attribution", "incentive", "payout", "analytics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void freePortsAreDistinctAndEachUrlAnswersAsItsOwnService() throws Exception {
        // the suite's shared system, started with --free-ports; DemoEndToEndTest checks its own start the same way and
        // that a second start running beside this one reports other URLs, so no third full start-up is paid for here
        assertEachUrlAnswersAsItsOwnService(urlsOf(SystemUnderTest.get().process));
    }

    /** The six services' URLs of a start, in {@link #SERVICES} order. */
    static List<String> urlsOf(InfraProcess system) {
        List<String> urls = new ArrayList<>();
        for (String svc : SERVICES) {
            urls.add(system.fact(svc + "-service.url"));
        }
        return urls;
    }

    /** Each URL answers ready as its own service, and no port was handed out twice. */
    static void assertEachUrlAnswersAsItsOwnService(List<String> urls) throws Exception {
        for (int i = 0; i < SERVICES.size(); i++) {
            assertEquals(SERVICES.get(i) + "-service", serviceNameAt(urls.get(i)), urls.get(i) + " should be " + SERVICES.get(i));
        }
        assertEquals(SERVICES.size(), new HashSet<>(urls).size(), "a start handed out a port twice: " + urls);
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

    private static String serviceNameAt(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        var m = java.util.regex.Pattern.compile("\"service\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }
}
