package io.partnerflow.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central, with logical decoding on
 * (for Debezium) and one database + login role per service. Each service owns its database; the
 * roles cannot connect to each other's databases.
 */
final class PostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    private volatile EmbeddedPostgres pg;
    private final int port;
    private final Path dataDir;
    private final boolean durable;

    private PostgresServer(EmbeddedPostgres pg, Path dataDir, boolean durable) {
        this.pg = pg;
        this.port = pg.getPort();
        this.dataDir = dataDir;
        this.durable = durable;
    }

    static PostgresServer start(Path dataDir, int port, boolean durable) throws Exception {
        stopOrphan(dataDir);
        EmbeddedPostgres pg = Ports.startOnFreePorts("PostgreSQL", port, -1, (p, unused) -> launch(dataDir, p, durable));
        LOG.info("PostgreSQL listening on localhost:{} (data {})", pg.getPort(), dataDir);
        return new PostgresServer(pg, dataDir, durable);
    }

    /**
     * Fault injection: CRASHES the server — SIGQUIT to the postmaster, PostgreSQL's "immediate" shutdown: every
     * connection is cut, no checkpoint — and starts it again on the same port and data directory, which runs crash
     * recovery from the WAL (what was committed with synchronous_commit on must all be there). A clean (fast)
     * shutdown is no use here: it waits for the relay's logical replication connections to confirm, up to a minute.
     * Then {@link #restartAfterCrash}.
     */
    synchronized void crash() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        quit(pid, 60);
        LOG.info("PostgreSQL postmaster {} crashed on purpose (SIGQUIT); the wrapper's own stop below fails harmlessly", pid);
    }

    /** After {@link #crash}: starts the server again on its port and data (crash recovery). */
    synchronized void restartAfterCrash() throws IOException {
        pg.close(); // releases the wrapper's lock on the data directory
        pg = launch(dataDir, port, durable);
    }

    /**
     * A launcher killed with SIGKILL cannot stop its PostgreSQL: the server lives on, holding the data directory. Such
     * an orphan (its pid in {@code postmaster.pid}, still a postgres process) is crashed (SIGQUIT) before starting.
     */
    private static void stopOrphan(Path dataDir) throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException unreadable) {
            return;
        }
        ProcessHandle orphan = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false)).orElse(null);
        if (orphan == null) {
            return; // stale file: PostgreSQL itself handles it
        }
        LOG.warn("PostgreSQL {} from an earlier run still holds {}: stopping it", pid, dataDir);
        quit(pid, 30);
    }

    /** SIGQUIT to a postmaster (PostgreSQL's immediate shutdown), then waits up to {@code seconds} for it to exit. */
    private static void quit(long pid, int seconds) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (postmaster != null && postmaster.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static EmbeddedPostgres launch(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // the wrapper's own hook stays: it runs at the same time as the launcher's (JVM hooks are concurrent),
                // so PostgreSQL may stop under services still stopping (logged errors, redelivery, nothing lost); without
                // it a failure half-way through a start, or Ctrl-C during one, left servers running (session 21's review)
                .setRegisterShutdownHook(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "20")
                .setServerConfig("max_replication_slots", "20")
                .setServerConfig("max_connections", "300")
                .setServerConfig("timezone", "UTC");
        if (durable) {
            b.setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on");
        }
        extraSettings(System.getProperty("infra.postgres.settings", "")).forEach(b::setServerConfig);
        return b.start();
    }

    /**
     * Extra server settings for diagnosis, {@code name=value;name=value} (e.g. {@code
     * -Dinfra.postgres.settings=shared_preload_libraries=pg_stat_statements}); none by default.
     */
    static java.util.Map<String, String> extraSettings(String spec) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String part : spec.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            } else if (!part.isBlank()) {
                throw new IllegalArgumentException("infra.postgres.settings: expected name=value, got " + part);
            }
        }
        return out;
    }

    int port() {
        return port;
    }

    /** The password of a service's role: {@code <DB>_DB_PASSWORD} from the environment, else the name (local only). */
    static String password(String db) {
        String env = System.getenv(db.toUpperCase() + "_DB_PASSWORD");
        return env == null || env.isBlank() ? db : env;
    }

    /** Creates (if missing) one login role and one database owned by it per name, with {@link #password}. */
    void ensureDatabases(List<String> names) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (String name : names) {
                if (!exists(st, "select 1 from pg_roles where rolname = '" + name + "'")) {
                    st.execute("create role " + name + " login password '" + password(name).replace("'", "''") + "'");
                }
                if (!exists(st, "select 1 from pg_database where datname = '" + name + "'")) {
                    st.execute("create database " + name + " owner " + name);
                    st.execute("revoke connect on database " + name + " from public");
                    st.execute("grant connect on database " + name + " to " + name);
                }
            }
        }
    }

    private static boolean exists(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
