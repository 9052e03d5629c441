package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.ServiceError;
import io.partnerflow.portal.config.PortalConfig;
import io.partnerflow.portal.view.Amount;
import io.partnerflow.portal.view.EarningLine;
import io.partnerflow.portal.view.EarningsSummary;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The partner view: earnings dashboard (live), payment history, statements, one earning's explanation. Every call
 * forwards the user's own token, so a partner user who puts another partner's id in the URL gets the services' 404.
 */
@Path("/partners/{partnerId}")
@Blocking
public class PartnerResource {
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Pages pages;
    private final PortalConfig config;
    private final Template dashboard;
    private final Template earnings;
    private final Template earning;

    public PartnerResource(Pages pages, PortalConfig config, @Location("partner/dashboard.html") Template dashboard,
                           @Location("partner/earnings.html") Template earnings, @Location("partner/earning.html") Template earning) {
        this.pages = pages;
        this.config = config;
        this.dashboard = dashboard;
        this.earnings = earnings;
        this.earning = earning;
    }

    @TemplateData
    public record Balance(String currency, Amount pending, Amount payable, Amount inPayment, Amount paid, Amount available) {
    }

    @TemplateData
    public record Payout(String runStatus, Amount amount, String method, String account, String status, String bankReference,
                         String valueDate, int earnings) {
    }

    @TemplateData
    public record Statement(String period, String currency, String href, String pdf) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String dashboard(@PathParam("partnerId") String partnerId, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        var partnerCall = Parallel.async(() -> pages.services.get("partner", "/partners/" + id, u.token()));
        var linesCall = Parallel.async(() -> lines(u, id));
        var balancesCall = Parallel.async(() -> balances(u, id));
        var payoutsCall = Parallel.async(() -> pages.services.get("payout", "/partners/" + id + "/payouts", u.token()));
        var standingCall = Parallel.async(() -> Standing.load(pages, u, id));
        JsonNode partner = Parallel.join(partnerCall);
        List<EarningLine> lines = Parallel.join(linesCall);
        List<Balance> balances = Parallel.join(balancesCall);
        JsonNode payouts = Parallel.join(payoutsCall);
        List<Payout> history = new ArrayList<>();
        for (JsonNode p : payouts) {
            history.add(new Payout(p.path("status").asText(), money(p.path("amount")), p.path("method").asText(""),
                    p.path("account").asText(""), p.path("status").asText(""), p.path("bankReference").asText(""),
                    p.path("valueDate").asText(""), p.path("earningCount").asInt()));
        }
        TreeSet<String> periods = new TreeSet<>(java.util.Comparator.reverseOrder());
        lines.forEach(l -> periods.add(l.period() + "|" + l.amount().currency()));
        List<Statement> statements = periods.stream().filter(k -> PERIOD.matcher(k.split("\\|")[0]).matches()).map(k -> {
            String[] pc = k.split("\\|");
            return new Statement(pc[0], pc[1], "/partners/" + id + "/statements/" + pc[0] + ".csv?currency=" + pc[1],
                    "/partners/" + id + "/statements/" + pc[0] + ".pdf?currency=" + pc[1]);
        }).toList();
        return dashboard.data("user", u).data("partnerId", id).data("partnerName", partner.path("name").asText(id))
                .data("tier", partner.path("tier").asText(partner.path("tierCode").asText("")))
                .data("summary", EarningsSummary.of(lines, 50)).data("balances", balances).data("payouts", history)
                .data("statements", statements).data("standing", Parallel.join(standingCall)).render();
    }

    /**
     * Server-sent events: re-reads the partner's balance and ledger lines every {@code partnerflow.portal.live-poll} and
     * pushes the fragment (balance + earnings, one line of HTML) when what it shows changed, so the balance and the
     * lines never disagree on screen. Ends quietly when the token expires.
     */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> live(@PathParam("partnerId") String partnerId, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        AtomicReference<String> last = new AtomicReference<>("");
        return Multi.createFrom().ticks().every(config.livePoll()).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(t -> Uni.createFrom().item(() -> new Live(lines(u, id), balances(u, id)))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .filter(l -> !l.fingerprint().equals(last.getAndSet(l.fingerprint())))
                .map(l -> earnings.data("partnerId", id).data("summary", EarningsSummary.of(l.lines(), 50))
                        .data("balances", l.balances()).render()
                        .replace('\n', ' ').replace('\r', ' '))
                .onFailure().recoverWithCompletion();
    }

    @GET
    @Path("earnings/{earningId}")
    @Produces(MediaType.TEXT_HTML)
    public String earning(@PathParam("partnerId") String partnerId, @PathParam("earningId") String earningId,
                          @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        String eid = Pages.id(earningId);
        JsonNode line = pages.services.get("payout", "/earnings/" + eid, u.token());
        if (!id.equals(line.path("partnerId").asText())) {
            throw new ServiceError("portal", 404, "Not Found", "earning " + eid + " is not one of this partner's");
        }
        JsonNode incentive = null;
        String incentiveMissing = null;
        try {
            incentive = pages.services.get("incentive", "/earnings/" + eid, u.token());
        } catch (ServiceError e) {
            incentiveMissing = "incentive-service: " + e.detail();
        }
        JsonNode payments = null;
        try {
            payments = pages.services.get("payout", "/earnings/" + eid + "/payments", u.token());
        } catch (ServiceError e) {
            if (e.status() == 401) {
                throw e;
            }
        }
        List<JsonNode> credits = new ArrayList<>();
        String dealId = line.path("dealId").asText("");
        if (!dealId.isEmpty()) {
            for (JsonNode c : pages.services.get("attribution", "/partners/" + id + "/credits", u.token())) {
                if (dealId.equals(c.path("dealId").asText())) {
                    credits.add(c);
                }
            }
        }
        return earning.data("user", u).data("partnerId", id).data("line", EarningLine.of(line)).data("ledger", line)
                .data("incentive", incentive).data("incentiveMissing", incentiveMissing).data("credits", credits)
                .data("payments", payments).render();
    }

    /** The statement of a month as CSV, passed through from payout-service (with the user's token). */
    @GET
    @Path("statements/{period}.csv")
    @Produces("text/csv")
    public Response statementCsv(@PathParam("partnerId") String partnerId, @PathParam("period") String period,
                                 @QueryParam("currency") String currency, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        requireMonthAndCurrency(period, currency);
        HttpResponse<byte[]> file = pages.services.file("payout", "/partners/" + id + "/statements/" + period + "/csv?currency=" + currency, u.token());
        return Response.ok(file.body(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"statement-" + period + "-" + currency + ".csv\"").build();
    }

    /** The statement of a month as PDF, drawn here from payout-service's statement (the same figures as the CSV). */
    @GET
    @Path("statements/{period}.pdf")
    @Produces("application/pdf")
    public Response statementPdf(@PathParam("partnerId") String partnerId, @PathParam("period") String period,
                                 @QueryParam("currency") String currency, @Context HttpHeaders headers) {
        User u = pages.user(headers);
        String id = Pages.id(partnerId);
        requireMonthAndCurrency(period, currency);
        JsonNode statement = pages.services.get("payout", "/partners/" + id + "/statements/" + period + "?currency=" + currency, u.token());
        String name = pages.services.get("partner", "/partners/" + id, u.token()).path("name").asText(id);
        return Response.ok(io.partnerflow.portal.view.StatementPdf.of(statement, name), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"statement-" + period + "-" + currency + ".pdf\"").build();
    }

    private static void requireMonthAndCurrency(String period, String currency) {
        if (!PERIOD.matcher(period).matches() || currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new ServiceError("portal", 400, "Bad Request", "period is a month like 2026-11 and currency an ISO 4217 code like EUR");
        }
    }

    private List<EarningLine> lines(User u, String id) {
        List<EarningLine> lines = new ArrayList<>();
        for (JsonNode e : pages.services.get("payout", "/partners/" + id + "/earnings", u.token())) {
            lines.add(EarningLine.of(e));
        }
        return lines;
    }

    private List<Balance> balances(User u, String id) {
        List<Balance> balances = new ArrayList<>();
        for (JsonNode b : pages.services.get("payout", "/partners/" + id + "/balance", u.token()).path("balances")) {
            balances.add(new Balance(b.path("currency").asText(), money(b.path("pending")), money(b.path("payable")),
                    money(b.path("inPayment")), money(b.path("paid")), money(b.path("available"))));
        }
        return balances;
    }

    /** What the live fragment shows: pushed again only when its fingerprint changes. */
    private record Live(List<EarningLine> lines, List<Balance> balances) {
        String fingerprint() {
            return EarningsSummary.fingerprint(lines) + balances.stream()
                    .map(b -> b.currency() + b.pending().text() + b.payable().text() + b.inPayment().text()
                            + b.paid().text() + b.available().text()).toList();
        }
    }

    private static Amount money(JsonNode m) {
        return Amount.of(m.path("amount").asText("0"), m.path("currency").asText("XXX"));
    }
}
