package io.partnerflow.e2e;

import io.partnerflow.infra.DevTokens;
import io.partnerflow.testing.InfraProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The whole system, started ONCE per test JVM exactly as the README's run command starts it
 * ({@code partnerflow-infra.jar run}): real PostgreSQL, real Kafka, the outbox relay, and the five
 * services as separate processes from their packaged jars, on free ports.
 */
final class SystemUnderTest {
    private static SystemUnderTest instance;
    /** Test-only Standard Webhooks secret of deal-service's generic CRM source "e2e". */
    static final String DEAL_WEBHOOK_SECRET = "whsec_ZTJlLXRlc3Qtd2ViaG9vay1zZWNyZXQtMTIzNA==";

    final InfraProcess process;
    final Path stateDir;
    private final DevTokens tokens;

    private SystemUnderTest(InfraProcess process, Path stateDir, DevTokens tokens) {
        this.process = process;
        this.stateDir = stateDir;
        this.tokens = tokens;
    }

    static synchronized SystemUnderTest get() throws Exception {
        if (instance == null) {
            Path work = Path.of("target", "e2e").toAbsolutePath();
            Path state = work.resolve("state");
            InfraProcess p = startFromRepoRoot(work, state);
            instance = new SystemUnderTest(p, state, DevTokens.ensureKeys(state.resolve("keys")));
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
        }
        return instance;
    }

    private static InfraProcess startFromRepoRoot(Path work, Path state) throws Exception {
        // The launcher finds the service jars relative to its working directory: the repository root.
        return InfraProcess.startIn(InfraProcess.repoRoot(), work, List.of("run", "--free-ports", "--ephemeral",
                "--state-dir", state.toString(),
                "--service-config", "deal.webhooks.generic.e2e.secrets=" + DEAL_WEBHOOK_SECRET), 300);
    }

    /**
     * kill -9 of one service process (found among the launcher's descendants by its jar); the launcher's supervisor
     * restarts it. Returns the killed pid.
     */
    long kill9(String service) {
        String jar = service + "-service/target/quarkus-app/quarkus-run.jar";
        ProcessHandle victim = process.handle().descendants()
                .filter(ph -> ph.info().commandLine().orElse("").contains(jar)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no process runs " + jar));
        victim.destroyForcibly();
        victim.onExit().join();
        return victim.pid();
    }

    /** The pid of the service's current process, or -1. */
    long pid(String service) {
        String jar = service + "-service/target/quarkus-app/quarkus-run.jar";
        return process.handle().descendants().filter(ph -> ph.isAlive() && ph.info().commandLine().orElse("").contains(jar))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    String url(String service) {
        return process.fact(service + "-service.url");
    }

    String kafka() {
        return process.fact("kafka.bootstrap.servers");
    }

    String bearer(String subject, String... roles) {
        return "Bearer " + tokens.mint(subject, Set.of(roles), null, Duration.ofMinutes(30));
    }

    String partnerBearer(String subject, String partnerId) {
        return "Bearer " + tokens.mint(subject, Set.of("partner"), partnerId, Duration.ofMinutes(30));
    }
}
