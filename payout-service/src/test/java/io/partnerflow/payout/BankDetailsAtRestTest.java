package io.partnerflow.payout;

import db.migration.V9__seal_clear_bank_numbers;
import io.partnerflow.payout.application.BankVault;
import io.partnerflow.payout.domain.crypto.Envelope;
import io.partnerflow.testing.TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.partnerflow.payout.Api.checker;
import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.knownPartner;
import static io.partnerflow.payout.Api.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bank details sealed at rest (envelope encryption), masked in every answer, clear only in the payment files. */
@QuarkusTest
class BankDetailsAtRestTest {
    static final String BBAN_DE = Profiles.IBAN_DE.substring(4);
    static final String OLD_KEY = "dGVzdC1vbmx5LXJldGlyZWQta2V5LTMyLWJ5dGVzISE=";

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
        Api.token("fin-checker", "finance");
        Api.token("key-admin", "admin");
    }

    static void assertNoBankNumbers(String what) {
        for (String clear : List.of(Profiles.IBAN_DE, BBAN_DE, Profiles.IBAN_FR, Profiles.ACCOUNT, Profiles.ABA)) {
            assertFalse(what.contains(clear), "no " + clear + " in " + what);
        }
    }

    static String rowsAsJson(String table, String partnerId) throws Exception {
        return string("select coalesce(json_agg(t)::text, '') from " + table + " t where partner_id = ?", partnerId);
    }

    static String approvedRun() {
        String runId = PayoutRunTest.newRun().getString("runId");
        checker().post("/payout-runs/" + runId + "/approve").then().statusCode(200);
        return runId;
    }

    @Test
    void aQueryOfTheTablesShowsNoBankNumberTheApiMasksThemAndThePaymentFilesCarryThem() throws Exception {
        String sepa = knownPartner("DE", "EUR");
        Profiles.put(sepa, Profiles.sepa(null, "EU_VAT_ID", null));
        String ach = knownPartner("US", "USD");
        Profiles.put(ach, Profiles.ach(null, true));
        PayoutRunTest.approvedEarning(sepa, "41.10", "EUR");
        PayoutRunTest.approvedEarning(ach, "52.20", "USD");

        String profiles = rowsAsJson("payout_profile", sepa) + rowsAsJson("payout_profile", ach);
        assertNoBankNumbers(profiles);
        assertTrue(profiles.contains("pf1.demo-1."), "sealed under the current key: " + profiles);
        assertEquals("•••• 3000", string("select iban_masked from payout_profile where partner_id = ?", sepa));
        assertEquals(0, count("""
                select count(*) from information_schema.columns where table_schema = current_schema() and table_name in ('payout_profile', 'payout_item')
                   and column_name in ('iban', 'aba_routing', 'account_number')"""), "no clear columns left");

        String view = finance().get("/partners/" + sepa + "/payout-profile").then().statusCode(200).extract().asString();
        assertNoBankNumbers(view);
        assertEquals("•••• 3000", new JsonPath(view).getString("iban"));

        String runId = approvedRun();
        String items = rowsAsJson("payout_item", sepa) + rowsAsJson("payout_item", ach);
        assertNoBankNumbers(items);
        assertTrue(items.contains("pf1.demo-1."), items);
        String run = finance().get("/payout-runs/" + runId).then().statusCode(200).extract().asString();
        assertNoBankNumbers(run);
        assertNoBankNumbers(finance().get("/payout-runs/" + runId + "/exports/items.csv").then().statusCode(200).extract().asString());
        assertNoBankNumbers(Api.partnerUser(sepa).get("/partners/" + sepa + "/payouts").then().statusCode(200).extract().asString());

        String xml = finance().get("/payout-runs/" + runId + "/exports/pain001.xml").then().statusCode(200).extract().asString();
        assertTrue(xml.contains("<IBAN>" + Profiles.IBAN_DE + "</IBAN>"), "the creditor's IBAN in the file");
        String nacha = finance().get("/payout-runs/" + runId + "/exports/nacha.txt").then().statusCode(200).extract().asString();
        assertTrue(nacha.lines().anyMatch(l -> l.startsWith("6") && l.substring(3, 12).equals(Profiles.ABA)
                && l.substring(12, 29).strip().equals(Profiles.ACCOUNT) && l.substring(29, 39).equals("0000005220")),
                "the ACH entry carries routing, account and amount");
    }

    @Test
    void valuesSealedUnderARetiredKeyStillPayAndTheRewrapMovesThemToTheCurrentKey() throws Exception {
        String p = knownPartner("FR", "EUR");
        Profiles.put(p, Profiles.sepa(null, "EU_VAT_ID", null));
        // as if written before the rotation: sealed under the retired key
        Envelope.KeyRing retired = Envelope.KeyRing.ofBase64("test-old", Map.of("test-old", OLD_KEY));
        String old = Envelope.seal(retired, "bank-details:" + p, "v1|" + Profiles.IBAN_FR + "||");
        try (Connection c = TestSupport.jdbc(); Statement st = c.createStatement()) {
            st.executeUpdate("update payout_profile set bank_secret = '" + old + "', bank_key_id = 'test-old' where partner_id = '" + p + "'");
        }
        PayoutRunTest.approvedEarning(p, "63.30", "EUR");
        String runId = approvedRun();
        assertEquals("test-old", string("select bank_key_id from payout_item where partner_id = ?", p));
        String xml = finance().get("/payout-runs/" + runId + "/exports/pain001.xml").then().statusCode(200).extract().asString();
        assertTrue(xml.contains("<IBAN>" + Profiles.IBAN_FR + "</IBAN>"), "a retired key's value still opens");

        Map<String, Object> usage = Api.as("key-admin", "admin").get("/bank-keys").then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals(2, ((Number) usage.get("test-old")).intValue(), usage.toString());
        finance().post("/bank-keys/rewrap").then().statusCode(403);
        Api.as("key-admin", "admin").post("/bank-keys/rewrap?limit=0").then().statusCode(400);
        JsonPath moved = Api.as("key-admin", "admin").post("/bank-keys/rewrap").then().statusCode(200).extract().jsonPath();
        assertEquals("demo-1", moved.getString("currentKeyId"));
        assertTrue(moved.getInt("rewrapped") >= 2);
        assertEquals(0, moved.getInt("remaining"));
        assertEquals("demo-1", string("select bank_key_id from payout_profile where partner_id = ?", p));
        String item = string("select bank_secret from payout_item where partner_id = ?", p);
        assertTrue(item.startsWith("pf1.demo-1."));
        assertEquals(old.split("\\.")[3], item.split("\\.")[3], "the ciphertext is untouched, only the data key re-wrapped");
        String again = finance().get("/payout-runs/" + runId + "/exports/pain001.xml").then().statusCode(200).extract().asString();
        assertEquals(xml, again, "the same file after the rotation");
    }

    @Test
    void theMigrationSealsClearValuesOfExistingRows() throws Exception {
        assertEquals(1, count("select count(*) from flyway_schema_history where version = '9' and type = 'JDBC' and success"),
                "V9 ran as a Java migration at startup");
        String schema = "mig_" + Long.toHexString(System.nanoTime());
        try (Connection c = TestSupport.jdbc(); Statement st = c.createStatement()) {
            st.execute("create schema " + schema);
            st.execute("set search_path to " + schema);
            String bank = "bank_secret text, bank_key_id varchar(40), bank_fingerprint varchar(64), iban_masked varchar(20),"
                    + " aba_masked varchar(20), account_masked varchar(20), iban varchar(34), aba_routing varchar(9), account_number varchar(17)";
            st.execute("create table payout_profile (partner_id varchar(100) primary key, " + bank + ")");
            st.execute("create table payout_item (id uuid primary key, partner_id varchar(100), " + bank + ")");
            st.execute("insert into payout_profile (partner_id, iban) values ('p-sepa', '" + Profiles.IBAN_DE + "')");
            st.execute("insert into payout_profile (partner_id, aba_routing, account_number) values ('p-ach', '"
                    + Profiles.ABA + "', '" + Profiles.ACCOUNT + "')");
            st.execute("insert into payout_profile (partner_id) values ('p-manual')");
            st.execute("insert into payout_item (id, partner_id, iban) values (gen_random_uuid(), 'p-sepa', '" + Profiles.IBAN_DE + "')");
            new V9__seal_clear_bank_numbers().migrate(new Context() {
                public Configuration getConfiguration() {
                    return null;
                }

                public Connection getConnection() {
                    return c;
                }
            });
            String all = rows(st, "payout_profile") + rows(st, "payout_item");
            assertNoBankNumbers(all);
            BankVault vault = new BankVault("demo-1", Map.of("demo-1", "cGFydG5lcmZsb3ctZGVtby1rZWstMS0zMi1ieXRlcyE="),
                    "cGFydG5lcmZsb3ctZGVtby1maW5nZXJwcmludC0zMmI=");
            var r = st.executeQuery("select bank_secret, iban_masked from payout_item");
            r.next();
            assertEquals(Profiles.IBAN_DE, vault.open("p-sepa", r.getString(1)).iban());
            assertEquals("•••• 3000", r.getString(2));
            r = st.executeQuery("select bank_secret, account_masked, bank_key_id from payout_profile where partner_id = 'p-ach'");
            r.next();
            assertEquals(Profiles.ACCOUNT, vault.open("p-ach", r.getString(1)).accountNumber());
            assertEquals("•••• 4321", r.getString(2));
            assertEquals("demo-1", r.getString(3));
            r = st.executeQuery("select bank_secret from payout_profile where partner_id = 'p-manual'");
            r.next();
            assertEquals(null, r.getString(1), "nothing to seal");
            st.execute("set search_path to public");
            st.execute("drop schema " + schema + " cascade");
        }
    }

    static String rows(Statement st, String table) throws Exception {
        var r = st.executeQuery("select json_agg(t)::text from " + table + " t");
        r.next();
        String s = r.getString(1);
        assertNotNull(s);
        return s;
    }
}
