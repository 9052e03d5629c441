package io.partnerflow.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One PostgreSQL server per service database, as on Kubernetes (a CloudNativePG cluster per service, ADR 0007): a
 * logical replication slot's walsender reads every WAL record of its whole server, whatever the database, so six
 * databases in one server made each of the relay's six walsenders read the WAL of all six (≈ 1,600 records per deal
 * read for ≈ 260 written). Each server lives in {@code <root>/<database>}; with a base port, database i of the list
 * listens on base + i (0: free ports). A state directory from before this change (one server in {@code <root>}
 * itself) is kept as it is: every database stays in that one server.
 */
final class PostgresServers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServers.class);

    private final Path root;
    private final int basePort;
    private final boolean durable;
    private final PostgresServer shared;
    private final Map<String, PostgresServer> byDatabase = new LinkedHashMap<>();

    private PostgresServers(Path root, int basePort, boolean durable, PostgresServer shared) {
        this.root = root;
        this.basePort = basePort;
        this.durable = durable;
        this.shared = shared;
    }

    static PostgresServers start(Path root, int basePort, List<String> databases, boolean durable) throws Exception {
        PostgresServer legacy = Files.exists(root.resolve("PG_VERSION"))
                ? PostgresServer.start(root, basePort, durable) : null;
        if (legacy != null) {
            LOG.info("{} holds one PostgreSQL server for every database (a state directory from before ADR 0007): kept", root);
        }
        PostgresServers s = new PostgresServers(root, basePort, durable, legacy);
        try {
            s.ensureDatabases(databases);
        } catch (Exception e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The port of the server holding {@code database}. */
    synchronized int port(String database) {
        PostgresServer s = shared != null ? shared : byDatabase.get(database);
        if (s == null) {
            throw new IllegalArgumentException("no PostgreSQL server for database " + database);
        }
        return s.port();
    }

    /**
     * Creates (if missing) each database and its login role ({@link PostgresServer#ensureDatabases}), each in a
     * server of its own, started here (in parallel: most of a start is waiting) if it is not running yet.
     */
    synchronized void ensureDatabases(List<String> names) throws Exception {
        if (shared != null) {
            shared.ensureDatabases(names);
            return;
        }
        Map<String, CompletableFuture<PostgresServer>> starting = new LinkedHashMap<>();
        for (String name : names) {
            if (!byDatabase.containsKey(name) && !starting.containsKey(name)) {
                int port = basePort == 0 ? 0 : basePort + byDatabase.size() + starting.size();
                starting.put(name, CompletableFuture.supplyAsync(() -> startFor(name, port)));
            }
        }
        Exception failed = null;
        for (var e : starting.entrySet()) {
            try {
                byDatabase.put(e.getKey(), e.getValue().join());
            } catch (CompletionException ce) {
                failed = failed != null ? failed : ce.getCause() instanceof Exception ex ? ex : ce;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private PostgresServer startFor(String database, int port) {
        try {
            PostgresServer s = PostgresServer.start(root.resolve(database), port, durable);
            s.ensureDatabases(List.of(database));
            return s;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * Fault injection: crashes every server at once (SIGQUIT, PostgreSQL's immediate shutdown) and starts them again
     * on their ports and data ({@link PostgresServer#crash}, {@link PostgresServer#restartAfterCrash}); returns the milliseconds the last one was away.
     */
    synchronized long crashRestart() throws IOException, InterruptedException {
        List<PostgresServer> servers = distinct();
        long t0 = System.nanoTime();
        for (PostgresServer s : servers) {
            s.crash();
        }
        List<CompletableFuture<Void>> restarts = new ArrayList<>();
        for (PostgresServer s : servers) {
            restarts.add(CompletableFuture.runAsync(() -> {
                try {
                    s.restartAfterCrash();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }));
        }
        try {
            CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("{} PostgreSQL server(s) crashed and restarted after {} ms", servers.size(), ms);
        return ms;
    }

    private List<PostgresServer> distinct() {
        return shared != null ? List.of(shared) : List.copyOf(byDatabase.values());
    }

    @Override
    public synchronized void close() {
        for (PostgresServer s : distinct()) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("stopping PostgreSQL on port {}", s.port(), e);
            }
        }
    }
}
