package io.partnerflow.platform.persistence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hibernate-style positional parameters become PostgreSQL's, numbers kept (a reused parameter stays one). */
class PgTest {
    @Test
    void positionalParametersBecomeDollarParameters() {
        assertEquals("select a from t where (cast($1 as varchar) is null or s = cast($1 as varchar)) and b = $12 limit $2",
                Pg.dollarParameters("select a from t where (cast(?1 as varchar) is null or s = cast(?1 as varchar)) and b = ?12 limit ?2"));
    }
}
