package io.partnerflow.incentive.api;

import io.partnerflow.incentive.application.ProgramReports;
import io.partnerflow.incentive.config.IncentiveConfig;
import io.partnerflow.incentive.domain.ProgramReportBy;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.partnerflow.platform.security.CurrentUser;
import io.partnerflow.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /reports/programs}: sourced / influenced revenue, deals and net earnings per incentive program and a second
 * dimension (issue #19). Staff see every partner; a partner token sees the same report over its own credits and
 * earnings only. Reads only; a bad parameter is a 400 problem+json naming it.
 */
@Path("/reports/programs")
@Produces(MediaType.APPLICATION_JSON)
public class ProgramReportResource {
    private final ProgramReports reports;
    private final CurrentUser user;
    private final IncentiveConfig config;

    public ProgramReportResource(ProgramReports reports, CurrentUser user, IncentiveConfig config) {
        this.reports = reports;
        this.user = user;
        this.config = config;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.CHANNEL_MANAGER, Roles.FINANCE, Roles.PARTNER})
    public Uni<ProgramReports.Report> report(@QueryParam("from") String from, @QueryParam("to") String to,
                                             @QueryParam("by") String by, @QueryParam("currency") String currency) {
        ProgramReportBy dimension = ProgramReportBy.of(by == null ? "program" : by).orElseThrow(() -> ProblemException.badRequest(
                "by must be one of " + ProgramReportBy.allowed(), new Problem.FieldError("by", "must be one of " + ProgramReportBy.allowed())));
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        Dates.ordered("from", start, "to", end);
        String ccy = currency(currency);
        String partner = null;
        if (!user.isStaff()) {
            partner = user.partnerId().orElseThrow(() -> ProblemException.forbidden("a partner token without partner_id"));
        }
        return reports.report(start, end, dimension, ccy, partner);
    }

    /** An instant ({@code 2026-03-01T00:00:00Z}) or a date (its start in the period zone); required, 2000–2100. */
    private Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest(field + " is required",
                    new Problem.FieldError(field, "required: an instant like 2026-03-01T00:00:00Z or a date like 2026-03-01"));
        }
        String s = raw.strip();
        try {
            return Dates.within(field, s.length() == 10 ? LocalDate.parse(s).atStartOfDay(config.periodZone()).toInstant() : Instant.parse(s));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + raw + "' is not an instant or a date",
                    new Problem.FieldError(field, "an instant like 2026-03-01T00:00:00Z or a date like 2026-03-01"));
        }
    }

    /** Optional filter: an ISO 4217 code with a minor unit. */
    private static String currency(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.matches("[A-Z]{3}")) {
            try {
                io.partnerflow.core.money.Money.currencyOf(raw);
                return raw;
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw ProblemException.badRequest("'" + raw + "' is not a currency",
                new Problem.FieldError("currency", "must be an ISO 4217 code with a minor unit, like EUR"));
    }
}
