package io.partnerflow.payout;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.partnerflow.payout.Api.count;
import static io.partnerflow.payout.Api.finance;
import static io.partnerflow.payout.Api.newId;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every bad input the outside tester found answers a 4xx problem+json naming the field, and writes nothing. */
@QuarkusTest
class InputBoundsTest {

    @BeforeEach
    void tokens() {
        Api.token("fin-maker", "finance");
    }

    @Test
    void aPayoutRunCutoffOutsideASaneRangeIsRefusedAndNoRunIsWritten() throws Exception {
        for (String cutoff : new String[]{"+57443-04-18", "1999-12-31", "2999-01-01"}) {
            String key = newId();
            finance().header("Idempotency-Key", key).body(Map.of("cutoff", cutoff)).post("/payout-runs").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("cutoff"));
            assertEquals(0, count("select count(*) from payout_run where idempotency_key = ?", key));
        }
        String key = newId();
        finance().header("Idempotency-Key", key).body(Map.of("cutoff", 20261204)).post("/payout-runs").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, count("select count(*) from payout_run where idempotency_key = ?", key));
    }

    @Test
    void aNegativeOrHugeLimitAndReversedRangesAreRefused() {
        finance().get("/payout-runs?limit=-5").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("limit")));
        finance().get("/payout-runs?limit=100000").then().statusCode(400);
        finance().get("/journals?limit=0").then().statusCode(400);
        finance().get("/journals?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        finance().get("/journals/export.csv?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").then().statusCode(400);
        finance().get("/journals?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z").then().statusCode(200);
        finance().get("/disputes?status=whatever").then().statusCode(400).body("errors.field", hasItem("status"));
        finance().get("/partners/" + newId() + "/statements/+57443-04").then().statusCode(400).body("errors.field", hasItem("period"));
    }

    @Test
    void aSepaProfileWithABlankBicAHugeHolderOrAHugeMinimumIsRefusedAndNothingWritten() throws Exception {
        String p = newId();
        Map<String, Object> blankBic = Profiles.sepa(null, null, null);
        blankBic.put("bic", "   ");
        Map<String, Object> longHolder = Profiles.sepa(null, null, null);
        longHolder.put("accountHolder", "A".repeat(100_000));
        Map<String, Object> holder71 = Profiles.sepa(null, null, null);
        holder71.put("accountHolder", "B".repeat(71));
        Map<String, Object> hugeMinimum = Profiles.sepa("1000000000000000000000000000000.00", null, null);
        Map<String, Object> negativeMinimum = Profiles.sepa("-1.00", null, null);
        Map<String, Object> badCurrency = Profiles.sepa(null, null, null);
        badCurrency.put("minimumPayout", Map.of("amount", "10.00", "currency", "eur"));
        Object[][] cases = {{blankBic, "bic"}, {longHolder, "accountHolder"}, {holder71, "accountHolder"},
                {hugeMinimum, "minimumPayout.amount"}, {negativeMinimum, "minimumPayout.amount"},
                {badCurrency, "minimumPayout.currency"}};
        for (Object[] c : cases) {
            finance().body(c[0]).put("/partners/" + p + "/payout-profile").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem((String) c[1]));
        }
        assertEquals(0, count("select count(*) from payout_profile where partner_id = ?", p));
        assertEquals(0, count("select count(*) from payout_profile_audit where partner_id = ?", p));
        // the valid 70-character holder is accepted
        Map<String, Object> ok = Profiles.sepa("50.00", null, null);
        ok.put("accountHolder", "C".repeat(70));
        finance().body(ok).put("/partners/" + p + "/payout-profile").then().statusCode(200);
    }
}
