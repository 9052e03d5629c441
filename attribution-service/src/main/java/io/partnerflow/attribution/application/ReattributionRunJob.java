package io.partnerflow.attribution.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Drives an applying re-attribution run: every {@code attribution.reattribution-runs.every} (default 2s; {@code off}
 * disables it) one chunk of {@code attribution.reattribution-runs.chunk} deals (default 200). All state is in the
 * database, so after a restart the next tick continues with the first unapplied deal.
 */
@ApplicationScoped
public class ReattributionRunJob {
    private final ReattributionRunService runs;
    private final int chunk;

    public ReattributionRunJob(ReattributionRunService runs,
                               @ConfigProperty(name = "attribution.reattribution-runs.chunk", defaultValue = "200") int chunk) {
        this.runs = runs;
        this.chunk = chunk;
    }

    @Scheduled(identity = "reattribution-run", every = "${attribution.reattribution-runs.every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        return runs.applyChunk(chunk).replaceWithVoid();
    }

    /** One chunk now, from a blocking caller (tests, operators); answers how many deals were handled. */
    public int step(int size) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> runs.applyChunk(size));
        } catch (Throwable e) {
            throw new IllegalStateException("re-attribution chunk failed", e);
        }
    }
}
