package io.partnerflow.infra;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresServerSettingsTest {
    @Test
    void extraSettingsAreNameValuePairsSeparatedBySemicolons() {
        assertEquals(Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all"),
                PostgresServer.extraSettings("shared_preload_libraries=pg_stat_statements; pg_stat_statements.track=all"));
        assertEquals(Map.of("log_line_prefix", "%m [%p] a=b"), PostgresServer.extraSettings("log_line_prefix=%m [%p] a=b"));
        assertTrue(PostgresServer.extraSettings("").isEmpty());
    }

    @Test
    void aSettingWithoutAValueIsRefusedNotIgnored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresServer.extraSettings("shared_preload_libraries"));
        assertTrue(e.getMessage().contains("infra.postgres.settings"), e.getMessage());
    }
}
