package io.partnerflow.payout.application;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.YearMonth;

/**
 * Issues last month's statements for every partner at {@code payout.statements.issue-cron} (default: 06:00 on the
 * 1st; {@code off} disables it). Replicas may both run it: issuing is idempotent per partner and period and
 * serialised by an advisory lock per statement, so each statement is issued (and published) once.
 */
@ApplicationScoped
public class StatementIssueJob {
    private static final Logger LOG = Logger.getLogger(StatementIssueJob.class);

    private final StatementService statements;
    private final Clock clock;
    private final io.partnerflow.payout.config.PayoutConfig config;

    public StatementIssueJob(StatementService statements, Clock clock, io.partnerflow.payout.config.PayoutConfig config) {
        this.statements = statements;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "statement-issue", cron = "${payout.statements.issue-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        YearMonth last = YearMonth.from(clock.instant().atZone(config.statements().zone())).minusMonths(1);
        return statements.issueAll(last, EarningService.SYSTEM)
                .invoke(s -> LOG.infof("issued %d statements for %s", s.issued(), s.period()))
                .replaceWithVoid();
    }
}
