package io.partnerflow.analytics.application;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dashboard's live figures: evaluated at once, then again after the read models changed ({@link ReadModelChanges},
 * signalled by the consumers after commit). Bursts coalesce: the signal is looked at every
 * {@code analytics.dashboards.push-interval} (500 ms) — an in-memory check, the database is read only after a change —
 * so a dashboard is evaluated and pushed at most once per interval, and only when its figures differ from the last push.
 */
@ApplicationScoped
public class DashboardLive {
    private final DashboardService dashboards;
    private final ReadModelChanges changes;
    private final Vertx vertx;
    private final Duration interval;

    public DashboardLive(DashboardService dashboards, ReadModelChanges changes, Vertx vertx,
                         @ConfigProperty(name = "analytics.dashboards.push-interval", defaultValue = "500ms") Duration interval) {
        this.dashboards = dashboards;
        this.changes = changes;
        this.vertx = vertx;
        this.interval = interval;
    }

    public Multi<DashboardService.Figures> stream(DashboardService.Caller caller, UUID id) {
        AtomicLong seen = new AtomicLong(changes.generation());
        Multi<DashboardService.Figures> later = Multi.createFrom().ticks().every(interval)
                .onOverflow().drop()
                .filter(t -> {
                    long now = changes.generation();
                    return seen.getAndSet(now) != now;
                })
                .onItem().transformToUniAndConcatenate(t -> onFreshContext(() -> dashboards.figures(caller, id)));
        return Multi.createBy().concatenating().streams(dashboards.figures(caller, id).toMulti(), later)
                .skip().repetitions();
    }

    /** Hibernate Reactive needs a Vert.x context; each evaluation gets its own (a session per evaluation). */
    private <T> Uni<T> onFreshContext(java.util.function.Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);   // isolated: Hibernate Reactive may keep its session there
        return Uni.createFrom().emitter(em -> context.runOnContext(v -> work.get().subscribe().with(em::complete, em::fail)));
    }
}
