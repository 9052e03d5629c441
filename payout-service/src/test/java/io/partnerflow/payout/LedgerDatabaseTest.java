package io.partnerflow.payout;

import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database itself — not only the code — keeps the ledger double-entry, balanced and append-only. */
@QuarkusTest
class LedgerDatabaseTest {

    static void account(Statement st, String code, String currency) throws SQLException {
        st.executeUpdate("insert into ledger_account (code, owner, kind, currency) values ('" + code
                + "', 'vendor', 'incentive_expense', '" + currency + "') on conflict do nothing");
    }

    static String journal(Statement st) throws SQLException {
        String id = UUID.randomUUID().toString();
        st.executeUpdate("insert into journal (id, kind, booked_at, created_by) values ('" + id + "', 'correction', now(), 'test')");
        return id;
    }

    static void posting(Statement st, String journal, String account, String currency, String amount) throws SQLException {
        st.executeUpdate("insert into posting (journal_id, account_code, currency, amount) values ('" + journal + "', '"
                + account + "', '" + currency + "', " + amount + ")");
    }

    /** Commits a journal of two postings (5.00 and -5.00 EUR on {@code account}) and leaves autocommit off; its id. */
    static String bookBalancedJournal(Connection c, String account) throws SQLException {
        c.setAutoCommit(false);
        Statement st = c.createStatement();
        account(st, account, "EUR");
        String j = journal(st);
        posting(st, j, account, "EUR", "5.00");
        posting(st, j, account, "EUR", "-5.00");
        c.commit();
        return j;
    }

    @Test
    void theDatabaseRefusesAnUnbalancedJournalAtCommit() throws Exception {
        String a = "vendor:incentive_expense:EUR";
        try (Connection c = TestSupport.jdbc()) {
            c.setAutoCommit(false);
            Statement st = c.createStatement();
            account(st, a, "EUR");
            c.commit();
            String j = journal(st);
            posting(st, j, a, "EUR", "10.00");
            posting(st, j, a, "EUR", "-9.99");
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertEquals("23514", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("does not balance"), e.getMessage());
            c.rollback();
            assertEquals(0, Api.count("select count(*) from journal where id = cast(? as uuid)", j));
        }
    }

    @Test
    void theDatabaseRefusesAJournalBalancedAcrossCurrenciesButNotPerCurrency() throws Exception {
        try (Connection c = TestSupport.jdbc()) {
            c.setAutoCommit(false);
            Statement st = c.createStatement();
            account(st, "vendor:incentive_expense:EUR", "EUR");
            account(st, "vendor:incentive_expense:USD", "USD");
            c.commit();
            String j = journal(st);
            posting(st, j, "vendor:incentive_expense:EUR", "EUR", "10.00");
            posting(st, j, "vendor:incentive_expense:USD", "USD", "-10.00");
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertEquals("23514", e.getSQLState());
            c.rollback();
        }
    }

    @Test
    void theDatabaseRefusesAJournalWithoutPostings() throws Exception {
        try (Connection c = TestSupport.jdbc()) {
            c.setAutoCommit(false);
            journal(c.createStatement());
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertEquals("23514", e.getSQLState());
            c.rollback();
        }
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeletePostingsAndJournals() throws Exception {
        String a = "vendor:incentive_expense:EUR";
        String j;
        try (Connection c = TestSupport.jdbc()) {
            j = bookBalancedJournal(c, a);
        }
        try (Connection c = TestSupport.jdbc(); Statement st = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> st.executeUpdate("update posting set amount = 500 where journal_id = '" + j + "'"));
            assertEquals("55000", update.getSQLState());
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> st.executeUpdate("delete from posting where journal_id = '" + j + "'"));
            assertThrows(SQLException.class, () -> st.executeUpdate("update journal set reason = 'x' where id = '" + j + "'"));
            assertThrows(SQLException.class, () -> st.executeUpdate("delete from journal where id = '" + j + "'"));
            assertThrows(SQLException.class, () -> st.executeUpdate("truncate posting cascade"));
        }
        assertEquals(2, Api.count("select count(*) from posting where journal_id = cast(? as uuid)", j));
        assertEquals(0, Api.count("select coalesce(sum(amount), 0) from posting where journal_id = cast(? as uuid)", j));
    }

    @Test
    void postingsAreBookedWithTheirJournalNeverAddedToAnEarlierOne() throws Exception {
        String a = "vendor:incentive_expense:EUR";
        String j;
        try (Connection c = TestSupport.jdbc()) {
            j = bookBalancedJournal(c, a);
            Statement st = c.createStatement();
            // a balanced pair added later would keep the journal balanced: refused all the same, at once
            SQLException e = assertThrows(SQLException.class, () -> posting(st, j, a, "EUR", "7.00"));
            assertEquals("55000", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("booked by an earlier transaction"), e.getMessage());
            c.rollback();
        }
        assertEquals(2, Api.count("select count(*) from posting where journal_id = cast(? as uuid)", j));
    }

    @Test
    void aPostingMustBeInItsAccountsCurrencyAndNeverZero() throws Exception {
        try (Connection c = TestSupport.jdbc(); Statement st = c.createStatement()) {
            account(st, "vendor:incentive_expense:EUR", "EUR");
            c.setAutoCommit(false);
            String j = journal(st);
            assertThrows(SQLException.class, () -> posting(st, j, "vendor:incentive_expense:EUR", "USD", "1.00"));
            c.rollback();
            String k = journal(st);
            assertThrows(SQLException.class, () -> posting(st, k, "vendor:incentive_expense:EUR", "EUR", "0"));
            c.rollback();
        }
    }
}
