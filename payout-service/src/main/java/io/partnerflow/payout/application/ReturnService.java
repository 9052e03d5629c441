package io.partnerflow.payout.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.payout.domain.returns.ReturnEntry;
import io.partnerflow.payout.domain.returns.ReturnFileException;
import io.partnerflow.payout.domain.returns.ReturnFiles;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.payout.persistence.Steps;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Imports the bank's return file for a run: every rejected/returned payment must match an item of the run (by the
 * reference our file gave it, same amount); then, in ONE transaction, each is failed like a failed settlement (the
 * commitment reversed: the amount back on the partner's payable balance, the lines released for the next run,
 * {@code payout.failed}) and the partner is held until its bank details change. Anything unreadable (400) or
 * unmatched (422) books nothing. The same file again books nothing and answers its first result.
 */
@ApplicationScoped
public class ReturnService {
    private final RunService runs;
    private final Clock clock;

    public ReturnService(RunService runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    public record Returned(String itemId, String partnerId, String amount, String currency, String code, String reason) {
    }

    public record Result(String fileId, String runId, String format, List<Returned> returned, int alreadyFailed,
                         int ignored, boolean alreadyImported) {
    }

    public Uni<Result> importFile(UUID runId, String content, Actor actor) {
        ReturnFiles.Parsed parsed;
        try {
            parsed = ReturnFiles.parse(content);
        } catch (ReturnFileException e) {
            throw ProblemException.badRequest("the return file is not readable: " + e.getMessage(),
                    new Problem.FieldError(e.field(), e.getMessage()));
        }
        String sha = sha256(content);
        UUID fileId = NameBasedIds.of("payout.return-file", runId, sha);
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> runs.lockRun(runId).chain(run -> Sql.one(
                "select result from bank_return_file where id = ?1", fileId).chain(previous -> {
            if (previous != null) {
                Result r = EventJson.readString(previous.str(0), Result.class);
                return Uni.createFrom().item(new Result(r.fileId(), r.runId(), r.format(), r.returned(), r.alreadyFailed(),
                        r.ignored(), true));
            }
            if (run.approvedAt() == null) {
                throw ProblemException.conflict("run " + runId + " is " + run.status() + ": only an approved run's payments can come back");
            }
            return Sql.query("select id from payout_item where run_id = ?1 for update", runId)
                    .chain(() -> runs.items(runId))
                    .chain(items -> book(run, items, parsed, fileId, sha, actor, now));
        })));
    }

    private Uni<Result> book(RunService.RunRow run, List<RunService.ItemRow> items, ReturnFiles.Parsed parsed, UUID fileId,
                             String sha, Actor actor, Instant now) {
        Map<String, RunService.ItemRow> byRef = new LinkedHashMap<>();
        for (RunService.ItemRow i : items) {
            String hex = i.id().toString().replace("-", "").toLowerCase(Locale.ROOT);
            byRef.put(parsed.format() == ReturnFiles.Format.NACHA ? hex.substring(0, 15) : hex, i);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<UUID, ReturnEntry> toFail = new LinkedHashMap<>();
        int alreadyFailed = 0;
        for (ReturnEntry e : parsed.returns()) {
            String ref = e.reference().replace("-", "").toLowerCase(Locale.ROOT);
            RunService.ItemRow item = byRef.get(ref);
            boolean rightFile = item != null && (parsed.format() == ReturnFiles.Format.NACHA
                    ? "ach".equals(item.method()) : "sepa_credit_transfer".equals(item.method()));
            if (!rightFile) {
                errors.add(new Problem.FieldError(e.location(), "reference '" + e.reference() + "' matches no "
                        + (parsed.format() == ReturnFiles.Format.NACHA ? "ACH" : "SEPA") + " payment of run " + run.id()));
            } else if (e.amount() != null && !e.amount().equals(item.amount())) {
                errors.add(new Problem.FieldError(e.location() + "/amount", "returns " + e.amount() + " but item "
                        + item.id() + " paid " + item.amount()));
            } else if (toFail.containsKey(item.id())) {
                errors.add(new Problem.FieldError(e.location(), "item " + item.id() + " is returned twice in the file"));
            } else if ("failed".equals(item.status())) {
                alreadyFailed++;
            } else if (!"pending".equals(item.status())) {
                errors.add(new Problem.FieldError(e.location(), "item " + item.id() + " is " + item.status()
                        + ": only a payment still pending at the bank is booked back by a return file"));
            } else {
                toFail.put(item.id(), e);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the return file does not match run " + run.id()
                    + "; nothing was booked", "urn:partnerflow:problem:unmatched-return", errors);
        }
        List<Returned> returned = new ArrayList<>();
        Steps chain = Steps.start();
        for (Map.Entry<UUID, ReturnEntry> f : toFail.entrySet()) {
            RunService.ItemRow item = items.stream().filter(i -> i.id().equals(f.getKey())).findFirst().orElseThrow();
            ReturnEntry e = f.getValue();
            returned.add(new Returned(item.id().toString(), item.partnerId(), item.amount().amountString(),
                    item.amount().currencyCode(), e.code(), e.reason()));
            chain.chain(() -> runs.failed(run, item, e.code(), e.reason(), parsed.format().wire(), true, actor.subject(), now));
        }
        Result result = new Result(fileId.toString(), run.id().toString(), parsed.format().wire(), returned, alreadyFailed,
                parsed.ignored(), false);
        return chain.run()
                .chain(() -> Sql.exec("""
                        update payout_run set status = 'completed'
                         where id = ?1 and not exists (select 1 from payout_item where run_id = ?1 and status = 'pending')""", run.id()))
                .chain(() -> Sql.exec("""
                        insert into bank_return_file (id, run_id, format, sha256, returned, ignored, result, imported_by, imported_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""", fileId, run.id(), parsed.format().wire(), sha,
                        returned.size(), parsed.ignored(), EventJson.writeString(result), actor.subject(), now))
                .replaceWith(result);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
