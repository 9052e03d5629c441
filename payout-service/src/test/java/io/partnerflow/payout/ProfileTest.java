package io.partnerflow.payout;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.newId;
import static io.partnerflow.payout.Api.partnerUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Payout profiles: validated bank details (400 problem+json, nothing written), masked everywhere, audited. */
@QuarkusTest
class ProfileTest {

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
    }

    @Test
    void badIbanBicOrAbaAnswer400WithFieldErrorsAndWriteNothing() throws Exception {
        String p = newId();
        Map<String, Object> body = Profiles.sepa("50.00", "EU_VAT_ID", null);
        body.put("iban", "DE89370400440532013001"); // checksum broken
        body.put("bic", "COBA-DE");
        finance().body(body).put("/partners/" + p + "/payout-profile").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("iban", "bic"));
        Map<String, Object> ach = Profiles.ach("0.00", true);
        ach.put("abaRouting", "021000022"); // check digit wrong
        finance().body(ach).put("/partners/" + p + "/payout-profile").then().statusCode(400)
                .body("errors.field", hasItems("abaRouting"));
        Map<String, Object> noIban = Profiles.sepa(null, null, null);
        noIban.remove("iban");
        finance().body(noIban).put("/partners/" + p + "/payout-profile").then().statusCode(400)
                .body("errors.field", hasItems("iban"));
        finance().body(Map.of("method", "CHEQUE")).put("/partners/" + p + "/payout-profile").then().statusCode(400);
        Map<String, Object> badTax = Profiles.sepa(null, "W-10", null);
        finance().body(badTax).put("/partners/" + p + "/payout-profile").then().statusCode(400)
                .body("errors.field", hasItems("taxForm.type"));
        finance().get("/partners/" + p + "/payout-profile").then().statusCode(404);
        assertEquals(0, Api.count("select count(*) from payout_profile_audit where partner_id = ?", p));
    }

    @Test
    void bankDetailsAreMaskedInEveryResponseAndTheAuditTrail() throws Exception {
        String p = newId();
        String body = finance().body(Profiles.sepa("50.00", "EU_VAT_ID", "2030-01-01")).put("/partners/" + p + "/payout-profile")
                .then().statusCode(200).extract().asString();
        assertFalse(body.contains(Profiles.IBAN_DE), body);
        JsonPath view = new JsonPath(body);
        assertEquals("•••• 3000", view.getString("iban"));
        assertEquals("SEPA_CREDIT_TRANSFER", view.getString("method"));
        assertEquals("50.00", view.getString("minimumPayout.amount"));
        assertEquals("EU_VAT_ID", view.getString("taxForm.type"));

        finance().body(Profiles.ach("25.00", true)).put("/partners/" + p + "/payout-profile").then().statusCode(200)
                .body("revision", equalTo(2));
        String read = finance().get("/partners/" + p + "/payout-profile").then().statusCode(200).extract().asString();
        assertFalse(read.contains(Profiles.ACCOUNT) || read.contains(Profiles.ABA), read);
        String own = partnerUser(p).get("/partners/" + p + "/payout-profile").then().statusCode(200).extract().asString();
        assertFalse(own.contains(Profiles.ACCOUNT), own);

        String audit = finance().get("/partners/" + p + "/payout-profile/audit").then().statusCode(200).extract().asString();
        List<Map<String, Object>> entries = new JsonPath(audit).getList("$");
        assertEquals(2, entries.size());
        assertEquals("fin-maker", entries.get(0).get("actor"));
        assertTrue(audit.contains("•••• 3000"), audit);
        assertFalse(audit.contains(Profiles.IBAN_DE) || audit.contains(Profiles.ACCOUNT), audit);
        // the stored audit rows are masked too (not only the response)
        assertEquals(0, Api.count("select count(*) from payout_profile_audit where before like ? or after like ? or after like ?",
                "%" + Profiles.IBAN_DE + "%", "%" + Profiles.IBAN_DE + "%", "%" + Profiles.ACCOUNT + "%"));
    }

    @Test
    void bankNumbersNeverReachTheLog() throws Exception {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters())
                        + " " + (r.getThrown() == null ? "" : r.getThrown().toString()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            String p = newId();
            finance().body(Profiles.sepa(null, "EU_VAT_ID", null)).put("/partners/" + p + "/payout-profile").then().statusCode(200);
            Map<String, Object> bad = Profiles.ach(null, true);
            bad.put("accountNumber", "12345678901234567890"); // too long: refused, and the number is not echoed
            String problem = finance().body(bad).put("/partners/" + p + "/payout-profile").then().statusCode(400).extract().asString();
            assertFalse(problem.contains("12345678901234567890"), problem);
            finance().get("/partners/" + p + "/payout-profile").then().statusCode(200);
        } finally {
            root.removeHandler(capture);
        }
        for (String line : logged) {
            assertFalse(line.contains(Profiles.IBAN_DE) || line.contains("12345678901234567890"), line);
        }
    }

    @Test
    void onlyFinanceOrAdminWritesProfiles() {
        String p = newId();
        partnerUser(p).body(Profiles.sepa(null, null, null)).put("/partners/" + p + "/payout-profile").then().statusCode(403);
        partnerUser(newId()).body(Profiles.sepa(null, null, null)).put("/partners/" + p + "/payout-profile").then().statusCode(404);
        Api.as("cm", "channel-manager").body(Profiles.sepa(null, null, null)).put("/partners/" + p + "/payout-profile").then().statusCode(403);
        Api.as("root", "admin").body(Profiles.sepa(null, null, null)).put("/partners/" + p + "/payout-profile").then().statusCode(200);
    }
}
