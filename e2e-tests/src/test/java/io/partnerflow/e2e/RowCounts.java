package io.partnerflow.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of every table of one service's database (its own role, as the service sees it), in one statement:
 * a refused request must leave every count — the outbox's included — where it was.
 */
final class RowCounts implements AutoCloseable {
    private final Connection connection;
    private final String countAll;

    RowCounts(int postgresPort, String database) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/" + database,
                database, database);
        List<String> selects = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select table_schema, table_name from information_schema.tables "
                     + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') "
                     + "and table_name <> 'flyway_schema_history' order by 1, 2")) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String table = rs.getString(2);
                selects.add("select '" + schema + "." + table + "', count(*) from \"" + schema + "\".\"" + table + "\"");
            }
        }
        this.countAll = String.join(" union all ", selects);
    }

    Map<String, Long> snapshot() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        if (countAll.isEmpty()) {
            return counts;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(countAll)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Tables whose count changed between two snapshots, with the change ({@code outbox_event +1}). */
    static Map<String, Long> diff(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((t, n) -> {
            long delta = n - before.getOrDefault(t, 0L);
            if (delta != 0) {
                d.put(t, delta);
            }
        });
        return d;
    }

    /** Waits (at most {@code maxMillis}) until two snapshots {@code gapMillis} apart agree; returns the last one. */
    Map<String, Long> quiet(long gapMillis, long maxMillis) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        Map<String, Long> last = snapshot();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(gapMillis);
            Map<String, Long> now = snapshot();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
