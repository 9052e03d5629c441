package io.partnerflow.analytics.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.partnerflow.analytics.application.PredictionService;
import io.partnerflow.analytics.domain.Period;
import io.partnerflow.analytics.persistence.PredictionStore;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.money.Money;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Predictions: train a model version now (also scheduled), the versions, the at-risk list, the forecast (per partner
 * and program-level), one partner's score (a partner user: its own only, another id → 404), the backtest.
 */
@Path("/predictions")
@SecurityRequirement(name = "SecurityScheme")
public class PredictionResource {
    private final PredictionService predictions;
    private final CurrentUser user;

    public PredictionResource(PredictionService predictions, CurrentUser user) {
        this.predictions = predictions;
        this.user = user;
    }

    /** A feature's share of the at-risk score (log-odds; positive pushes towards "at risk"). */
    public record Driver(String feature, BigDecimal value, BigDecimal contribution) {
    }

    public record ScoreView(String partnerId, int modelVersion, String quarter, BigDecimal atRisk, List<Driver> drivers,
                            Money forecast, Money forecastLow, Money forecastHigh) {
    }

    public record ScoreList(Integer modelVersion, String trainedThrough, String quarter, Instant trainedAt, List<ScoreView> partners) {
    }

    public record ForecastView(Integer modelVersion, String trainedThrough, String quarter, PredictionService.ProgramForecast program,
                               List<ScoreView> partners) {
    }

    @POST
    @Path("models")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER})
    public Uni<PredictionService.Outcome> train(@QueryParam("through") String through) {
        return predictions.train(quarter(through)).invoke(o -> {
            if (o.skipped()) {
                throw ProblemException.conflict("another training is running; try again in a moment");
            }
        });
    }

    @GET
    @Path("models")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<List<PredictionStore.Model>> models() {
        return predictions.models();
    }

    @GET
    @Path("at-risk")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<ScoreList> atRisk(@QueryParam("limit") Integer limit) {
        int n = Params.limit(limit, 20, 1000);
        return predictions.latest(null).map(l -> l.model() == null ? new ScoreList(null, null, null, null, List.of())
                : new ScoreList(l.model().version(), l.model().through(), l.model().target(), l.model().trainedAt(),
                l.scores().values().stream().sorted(Comparator.comparing(PredictionStore.ScoreRow::atRisk).reversed()
                        .thenComparing(PredictionStore.ScoreRow::partnerId)).limit(n).map(s -> view(s, l.model().target())).toList()));
    }

    @GET
    @Path("forecast")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<ForecastView> forecast(@QueryParam("limit") Integer limit) {
        int n = Params.limit(limit, 20, 1000);
        return predictions.latest(null).map(l -> l.model() == null ? new ForecastView(null, null, null, null, List.of())
                : new ForecastView(l.model().version(), l.model().through(), l.model().target(), l.program(),
                l.scores().values().stream().sorted(Comparator.comparing(PredictionStore.ScoreRow::forecast).reversed()
                        .thenComparing(PredictionStore.ScoreRow::partnerId)).limit(n).map(s -> view(s, l.model().target())).toList()));
    }

    @GET
    @Path("partners/{partnerId}")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<ScoreView> one(@PathParam("partnerId") UUID partnerId) {
        user.requireAccessToPartner(partnerId.toString());
        return predictions.latest(partnerId).map(l -> {
            PredictionStore.ScoreRow s = l.scores().get(partnerId.toString());
            if (s == null) {
                throw ProblemException.notFound("partner " + partnerId + " has no score (no model yet, or not active in its history)");
            }
            return view(s, l.model().target());
        });
    }

    @GET
    @Path("backtest")
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE})
    public Uni<PredictionService.BacktestReport> backtest(@QueryParam("through") String through) {
        return predictions.backtest(quarter(through));
    }

    private Period quarter(String raw) {
        if (raw == null) {
            return predictions.lastCompleteQuarter();
        }
        Period p;
        try {
            p = Period.parse(raw);
        } catch (IllegalArgumentException e) {
            p = null;
        }
        if (p == null || !p.isQuarter()) {
            throw ProblemException.badRequest("predictions are trained per quarter", new Problem.FieldError("through", "a quarter like 2026-Q3"));
        }
        return p;
    }

    private ScoreView view(PredictionStore.ScoreRow s, String quarter) {
        List<Driver> drivers;
        try {
            drivers = EventJson.mapper().readValue(s.contributions(), new TypeReference<List<Driver>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored contributions unreadable for " + s.partnerId(), e);
        }
        String ccy = predictions.baseCurrency();
        int scale = Money.scaleOf(Money.currencyOf(ccy));
        return new ScoreView(s.partnerId(), s.modelVersion(), quarter, s.atRisk(), drivers,
                Money.of(s.forecast().setScale(scale, java.math.RoundingMode.HALF_EVEN), ccy),
                Money.of(s.low().setScale(scale, java.math.RoundingMode.HALF_EVEN), ccy),
                Money.of(s.high().setScale(scale, java.math.RoundingMode.HALF_EVEN), ccy));
    }

}
