package io.partnerflow.payout;

import java.util.HashMap;
import java.util.Map;

import static io.partnerflow.payout.Api.finance;

/** Payout profile bodies for tests (valid test bank numbers). */
public final class Profiles {
    public static final String IBAN_DE = "DE89370400440532013000";
    public static final String IBAN_FR = "FR1420041010050500013M02606";
    public static final String BIC = "COBADEFFXXX";
    public static final String ABA = "021000021";
    public static final String ACCOUNT = "987654321";

    private Profiles() {
    }

    public static Map<String, Object> sepa(String minimum, String taxType, String expiresOn) {
        Map<String, Object> b = new HashMap<>();
        b.put("method", "SEPA");
        b.put("accountHolder", "Muster Partner GmbH");
        b.put("iban", IBAN_DE);
        b.put("bic", BIC);
        b.put("business", true);
        if (taxType != null) {
            Map<String, Object> tax = new HashMap<>();
            tax.put("type", taxType);
            tax.put("reference", "DE123456789");
            if (expiresOn != null) {
                tax.put("expiresOn", expiresOn);
            }
            b.put("taxForm", tax);
        }
        if (minimum != null) {
            b.put("minimumPayout", Map.of("amount", minimum, "currency", "EUR"));
        }
        return b;
    }

    public static Map<String, Object> ach(String minimum, boolean business) {
        Map<String, Object> b = new HashMap<>();
        b.put("method", "ACH");
        b.put("accountHolder", "Orbis Managed Services Inc");
        b.put("abaRouting", ABA);
        b.put("accountNumber", ACCOUNT);
        b.put("accountType", "CHECKING");
        b.put("business", business);
        b.put("taxForm", Map.of("type", "W-9"));
        if (minimum != null) {
            b.put("minimumPayout", Map.of("amount", minimum, "currency", "USD"));
        }
        return b;
    }

    public static void put(String partnerId, Map<String, Object> body) {
        finance().body(body).put("/partners/" + partnerId + "/payout-profile").then().statusCode(200);
    }
}
