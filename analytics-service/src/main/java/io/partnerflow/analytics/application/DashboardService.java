package io.partnerflow.analytics.application;

import io.partnerflow.analytics.application.ScorecardQueries.PartnerScorecard;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.domain.dashboard.DashboardRules;
import io.partnerflow.analytics.domain.dashboard.Widget;
import io.partnerflow.analytics.domain.dashboard.WidgetEvaluator;
import io.partnerflow.analytics.persistence.DashboardStore;
import io.partnerflow.analytics.persistence.DashboardStore.Saved;
import io.partnerflow.core.geo.Regions;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Saved dashboards of one user (the JWT subject): CRUD (another user's dashboard is "not found") and evaluation of
 * every widget from the scorecard read models by the pure {@link WidgetEvaluator}. A partner user's widgets are
 * evaluated over its own partner only.
 */
@ApplicationScoped
public class DashboardService {

    /** Who asks: the owner key (subject) and, for a partner user, its partner id (null for staff). */
    public record Caller(String owner, String partnerId) {
    }

    public record Figures(UUID id, String name, List<WidgetEvaluator.Result> widgets) {
    }

    private final DashboardStore store;
    private final ScorecardQueries scorecards;
    private final ReadModelChanges changes;
    private final Clock clock;

    public DashboardService(DashboardStore store, ScorecardQueries scorecards, ReadModelChanges changes, Clock clock) {
        this.store = store;
        this.scorecards = scorecards;
        this.changes = changes;
        this.clock = clock;
    }

    public Uni<Saved> create(Caller caller, String name, List<Widget> widgets) {
        validate(caller, name, widgets);
        var now = clock.instant();
        Saved d = new Saved(UUID.randomUUID(), caller.owner(), name, List.copyOf(widgets), now, now);
        return Panache.withTransaction(() -> store.insert(d, caller.partnerId())).replaceWith(d);
    }

    public Uni<List<Saved>> list(Caller caller) {
        return Panache.withSession(() -> store.list(caller.owner()));
    }

    public Uni<Saved> get(Caller caller, UUID id) {
        return Panache.withSession(() -> store.find(id, caller.owner()))
                .map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Saved> update(Caller caller, UUID id, String name, List<Widget> widgets) {
        validate(caller, name, widgets);
        return Panache.withTransaction(() -> store.update(id, caller.owner(), name, List.copyOf(widgets), clock.instant())
                        .chain(found -> found ? store.find(id, caller.owner()) : Uni.createFrom().failure(notFound(id))))
                .map(found -> found.orElseThrow(() -> notFound(id)))
                .invoke(changes::changed);   // open streams re-evaluate the edited widgets
    }

    public Uni<Void> delete(Caller caller, UUID id) {
        return Panache.withTransaction(() -> store.delete(id, caller.owner()))
                .invoke(found -> {
                    if (!found) {
                        throw notFound(id);
                    }
                }).replaceWithVoid();
    }

    /** Every widget's figures now. */
    public Uni<Figures> figures(Caller caller, UUID id) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return Panache.withSession(() -> store.find(id, caller.owner()).chain(found -> {
            Saved d = found.orElseThrow(() -> notFound(id));
            Map<String, List<WidgetEvaluator.Row>> cache = new HashMap<>();
            List<WidgetEvaluator.Result> results = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Widget w : d.widgets()) {
                chain = chain.chain(() -> evaluate(w, today, caller, cache).invoke(results::add)).replaceWithVoid();
            }
            return chain.map(v -> new Figures(d.id(), d.name(), List.copyOf(results)));
        }));
    }

    private Uni<WidgetEvaluator.Result> evaluate(Widget w, LocalDate today, Caller caller, Map<String, List<WidgetEvaluator.Row>> cache) {
        Period period = DashboardRules.resolve(w.period(), today);
        // one partner's scorecards only when the viewer is a partner or the widget names one partner
        String only = caller.partnerId() != null ? caller.partnerId() : w.filtersOrNone().partnerId();
        List<Period> parts = "month".equals(w.dimensionOrNone())
                ? WidgetEvaluator.months(period).stream().map(Period::parse).toList() : List.of(period);
        List<WidgetEvaluator.Row> rows = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Period part : parts) {
            String month = parts.size() > 1 || "month".equals(w.dimensionOrNone()) ? part.key() : null;
            String key = part.key() + "|" + only + "|" + month;
            chain = chain.chain(() -> cache.containsKey(key) ? Uni.createFrom().item(cache.get(key))
                    : scorecards.load(part, only == null ? null : UUID.fromString(only))
                    .map(all -> all.values().stream().map(s -> row(s, month)).toList())
                    .invoke(r -> cache.put(key, r))).invoke(rows::addAll).replaceWithVoid();
        }
        return chain.map(v -> WidgetEvaluator.evaluate(w, period, rows, scorecards.baseCurrency(), caller.partnerId()));
    }

    private static WidgetEvaluator.Row row(PartnerScorecard s, String month) {
        var p = s.profile();
        return new WidgetEvaluator.Row(s.scorecard().partnerId(), p.name(), p.tierCode(),
                Regions.of(p.country()), p.type(), month, s.scorecard());
    }

    private static void validate(Caller caller, String name, List<Widget> widgets) {
        List<String> problems = DashboardRules.problems(name, widgets, caller.partnerId());
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("the dashboard is invalid: " + String.join("; ", problems),
                    problems.stream().map(p -> new Problem.FieldError(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2)))
                            .toArray(Problem.FieldError[]::new));
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("dashboard " + id + " not found");
    }
}
