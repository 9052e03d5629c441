package io.partnerflow.attribution.application;

import io.agroal.api.AgroalDataSource;
import io.partnerflow.contracts.EventJson;
import io.partnerflow.platform.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What-if as a job: {@link #submit} stores the request and computes it in the background with the same
 * {@link WhatIfService} as the synchronous {@code POST /what-if} (so the numbers are the same); progress (deals read
 * of the deals in range) and the result stay in {@code what_if_run}. Jobs run one at a time per replica, in order.
 * A job whose replica stopped is not resumed: its progress stops moving and it is reported {@code interrupted}
 * after {@link #STALE} without progress (submit it again; it writes nothing else).
 */
@ApplicationScoped
public class WhatIfRunService {
    private static final Logger LOG = Logger.getLogger(WhatIfRunService.class);
    static final Duration STALE = Duration.ofMinutes(10);

    private final AgroalDataSource dataSource;
    private final WhatIfService whatIf;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "what-if-runs");
        t.setDaemon(true);
        return t;
    });

    public WhatIfRunService(AgroalDataSource dataSource, WhatIfService whatIf, Clock clock) {
        this.dataSource = dataSource;
        this.whatIf = whatIf;
        this.clock = clock;
    }

    public record WhatIfRun(UUID runId, String status, Instant from, Instant to, long total, long processed,
                            String requestedBy, Instant createdAt, Instant finishedAt, WhatIfService.Result result, String error) {
    }

    /** Blocking (JDBC): stores the job and queues it; answers its id. */
    public UUID submit(Instant from, Instant to, ModelConfig proposed, String requestedBy) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                insert into what_if_run (id, status, closed_from, closed_to, proposed, total, requested_by, created_at, updated_at)
                values (?, 'running', ?, ?, ?, (select count(*) from deal_compact where closed_at >= ? and closed_at < ?), ?, ?, ?)""")) {
            st.setObject(1, id);
            st.setTimestamp(2, Timestamp.from(from));
            st.setTimestamp(3, Timestamp.from(to));
            st.setString(4, EventJson.writeString(proposed));
            st.setTimestamp(5, Timestamp.from(from));
            st.setTimestamp(6, Timestamp.from(to));
            st.setString(7, requestedBy);
            st.setTimestamp(8, now);
            st.setTimestamp(9, now);
            st.executeUpdate();
        }
        worker.submit(() -> execute(id, from, to, proposed));
        return id;
    }

    private void execute(UUID id, Instant from, Instant to, ModelConfig proposed) {
        try {
            WhatIfService.Result result = whatIf.run(from, to, proposed, read -> update(
                    "update what_if_run set processed = ?, updated_at = ? where id = ?", read, now(), id));
            Timestamp now = now();
            update("update what_if_run set status = 'done', result = ?, updated_at = ?, finished_at = ? where id = ?",
                    EventJson.writeString(result), now, now, id);
        } catch (Exception e) {
            LOG.errorf(e, "what-if run %s failed", id);
            String message = String.valueOf(e.getMessage());
            Timestamp now = now();
            update("update what_if_run set status = 'failed', error = ?, updated_at = ?, finished_at = ? where id = ?",
                    message.substring(0, Math.min(500, message.length())), now, now, id);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record what-if run " + params[params.length - 1], e);
        }
    }

    /** Blocking (JDBC). 404 when unknown. */
    public WhatIfRun get(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                select status, closed_from, closed_to, total, processed, requested_by, created_at, finished_at, result, error, updated_at
                from what_if_run where id = ?""")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("no what-if run " + id);
                }
                String status = rs.getString(1);
                if ("running".equals(status) && rs.getTimestamp(11).toInstant().plus(STALE).isBefore(clock.instant())) {
                    status = "interrupted";
                }
                Timestamp finished = rs.getTimestamp(8);
                String result = rs.getString(9);
                return new WhatIfRun(id, status, rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getTimestamp(7).toInstant(), finished == null ? null : finished.toInstant(),
                        result == null ? null : EventJson.readString(result, WhatIfService.Result.class), rs.getString(10));
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
