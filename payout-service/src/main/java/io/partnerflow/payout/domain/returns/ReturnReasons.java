package io.partnerflow.payout.domain.returns;

import java.util.Map;

/** What the common return / reject codes mean (ISO 20022 external status reason codes, NACHA return codes). */
public final class ReturnReasons {
    private ReturnReasons() {
    }

    private static final Map<String, String> MEANING = Map.ofEntries(
            Map.entry("AC01", "incorrect account number"),
            Map.entry("AC04", "account closed"),
            Map.entry("AC06", "account blocked"),
            Map.entry("AC13", "invalid debtor/creditor account type"),
            Map.entry("AG01", "transaction forbidden on this account"),
            Map.entry("AG02", "invalid bank operation code"),
            Map.entry("AM04", "insufficient funds"),
            Map.entry("AM05", "duplicate payment"),
            Map.entry("BE04", "creditor address missing or incorrect"),
            Map.entry("MD07", "end customer deceased"),
            Map.entry("MS02", "refused by the creditor"),
            Map.entry("MS03", "reason not specified"),
            Map.entry("RC01", "bank identifier (BIC) incorrect"),
            Map.entry("RR01", "missing debtor account or identification"),
            Map.entry("R01", "insufficient funds"),
            Map.entry("R02", "account closed"),
            Map.entry("R03", "no account / unable to locate account"),
            Map.entry("R04", "invalid account number structure"),
            Map.entry("R06", "returned per ODFI's request"),
            Map.entry("R07", "authorization revoked by customer"),
            Map.entry("R08", "payment stopped"),
            Map.entry("R10", "customer advises unauthorized"),
            Map.entry("R14", "representative payee deceased"),
            Map.entry("R15", "beneficiary or account holder deceased"),
            Map.entry("R16", "account frozen"),
            Map.entry("R20", "non-transaction account"),
            Map.entry("R23", "credit entry refused by receiver"),
            Map.entry("R29", "corporate customer advises not authorized"));

    public static String meaning(String code) {
        return MEANING.getOrDefault(code, "returned by the bank");
    }
}
