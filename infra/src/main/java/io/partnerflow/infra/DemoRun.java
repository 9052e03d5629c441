package io.partnerflow.infra;

import io.partnerflow.infra.demo.Demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Plays the demo once per state directory (a marker file remembers it), with the run's generated webhook secret. */
final class DemoRun {
    static final String SECRET_FILE = "demo/webhook-secret";
    static final String DONE_FILE = "demo/played";

    private DemoRun() {
    }

    /** The generic-webhook secret of this state directory ({@code whsec_…}), generated on first use. */
    static String webhookSecret(Path stateDir) throws IOException {
        Path file = stateDir.resolve(SECRET_FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        return secret;
    }

    static void playOnce(InfraOptions o, Map<String, String> urls, String kafka, String webhookSecret) {
        Path done = o.stateDir.resolve(DONE_FILE);
        if (Files.exists(done)) {
            System.out.println("Demo data was loaded on an earlier start (./run.sh --clean replays it from scratch).");
            return;
        }
        Demo.Settings d = Demo.Settings.defaults();
        Demo.Settings settings = new Demo.Settings(o.demoSeed == null ? d.seed() : o.demoSeed, o.demoPartners == null ? d.partners() : o.demoPartners,
                o.demoDeals == null ? d.deals() : o.demoDeals, d.historyStart(), d.quarters());
        try {
            Demo demo = new Demo(new Demo.Target(urls, kafka, o.stateDir.resolve("keys"), o.stateDir.resolve("demo"),
                    webhookSecret), settings, System.out);
            demo.run();
            Files.writeString(done, Instant.now() + "\n", StandardCharsets.UTF_8);
        } catch (Exception e) {
            System.out.println("The demo stopped: " + e.getMessage()
                    + "\nThe platform keeps running; see the service logs in " + o.stateDir.resolve("logs"));
        }
    }
}
