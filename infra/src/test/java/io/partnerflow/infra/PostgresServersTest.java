package io.partnerflow.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real PostgreSQL server per service database (ADR 0007), its crash and restart, and a state dir from before. */
class PostgresServersTest {

    @Test
    void eachDatabaseHasAServerOfItsOwnAndWhatWasCommittedSurvivesTheirCrash(@TempDir Path dir) throws Exception {
        try (PostgresServers servers = PostgresServers.start(dir.resolve("postgres"), 0, List.of("alpha", "beta"), true)) {
            int alpha = servers.port("alpha");
            int beta = servers.port("beta");
            assertNotEquals(alpha, beta);
            assertTrue(Files.exists(dir.resolve("postgres/alpha/PG_VERSION")) && Files.exists(dir.resolve("postgres/beta/PG_VERSION")));
            assertEquals(List.of("alpha"), databases(alpha), "beta's server does not hold alpha's database, and the reverse");
            assertEquals(List.of("beta"), databases(beta));
            // each service logs in with its own role to its own database, in its own server
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + alpha + "/alpha", "alpha",
                    PostgresServer.password("alpha")); Statement st = c.createStatement()) {
                st.execute("create table t (v int)");
                st.execute("insert into t values (42)");
            }
            assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + beta + "/alpha", "alpha", PostgresServer.password("alpha")).close());

            servers.ensureDatabases(List.of("alpha", "gamma"));
            assertEquals(alpha, servers.port("alpha"), "a database already served keeps its server");
            assertEquals(List.of("gamma"), databases(servers.port("gamma")));

            servers.crashRestart();
            assertEquals(alpha, servers.port("alpha"));
            try (Connection c = superuser(alpha, "alpha"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select v from t")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1), "committed before the crash, there after crash recovery");
            }
            assertEquals(List.of("beta"), databases(beta), "every server came back");
        }
    }

    @Test
    void aStateDirectoryWithOneServerForAllDatabasesIsKeptAsItIs(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("postgres");
        try (PostgresServer old = PostgresServer.start(root, 0, false)) {
            old.ensureDatabases(List.of("alpha"));
        }
        try (PostgresServers servers = PostgresServers.start(root, 0, List.of("alpha", "beta"), false)) {
            assertEquals(servers.port("alpha"), servers.port("beta"));
            assertEquals(List.of("alpha", "beta"), databases(servers.port("alpha")));
            assertFalse(Files.exists(root.resolve("alpha")), "no server of its own made inside the old one's directory");
        }
    }

    private static List<String> databases(int port) throws SQLException {
        try (Connection c = superuser(port, "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select datname from pg_database where not datistemplate and datname <> 'postgres' order by 1")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static Connection superuser(int port, String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + db, "postgres", "postgres");
    }
}
