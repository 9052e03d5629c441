package io.partnerflow.payout.domain.export;

import io.partnerflow.payout.domain.bank.BankAccounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Splits a run's items into the SEPA file, the NACHA file and the list for manual payment. */
public final class PaymentFiles {

    private PaymentFiles() {
    }

    /** An item that goes to no file, and why (e.g. "method MANUAL", "currency GBP cannot be paid by SEPA"). */
    public record ManualPayment(PayeeItem item, String reason) {
    }

    /** Items in input order within each list; every input item is in exactly one list. */
    public record Split(List<PayeeItem> sepa, List<PayeeItem> nacha, List<ManualPayment> manual) {
        public Split {
            sepa = List.copyOf(sepa);
            nacha = List.copyOf(nacha);
            manual = List.copyOf(manual);
        }
    }

    /**
     * SEPA: method SEPA, EUR, a valid IBAN of a SEPA country and, if given, a valid BIC; NACHA: method ACH, USD,
     * a valid routing and account number; everything else is manual with its reason (never with the number).
     * Amounts that are not positive or too large, names with no character the file format can carry and item
     * ids that are not SEPA identifiers are manual too: a non-empty {@code sepa} or {@code nacha} list is always
     * accepted by {@link Pain001Writer} / {@link NachaWriter} (if item ids are unique and the NACHA file total
     * fits 12 digits).
     */
    public static Split split(List<PayeeItem> items) {
        List<PayeeItem> sepa = new ArrayList<>();
        List<PayeeItem> nacha = new ArrayList<>();
        List<ManualPayment> manual = new ArrayList<>();
        for (PayeeItem item : items) {
            Optional<String> reason = switch (item.method()) {
                case MANUAL -> Optional.of("method MANUAL");
                case SEPA -> sepaProblem(item);
                case ACH -> achProblem(item);
            };
            if (reason.isPresent()) {
                manual.add(new ManualPayment(item, reason.get()));
            } else if (item.method() == PayeeItem.Method.SEPA) {
                sepa.add(item);
            } else {
                nacha.add(item);
            }
        }
        return new Split(sepa, nacha, manual);
    }

    private static Optional<String> sepaProblem(PayeeItem item) {
        if (!"EUR".equals(item.amount().currencyCode())) {
            return Optional.of("currency " + item.amount().currencyCode() + " cannot be paid by SEPA (EUR only)");
        }
        if (!item.amount().isPositive() || item.amount().amount().compareTo(Pain001Writer.MAX_AMOUNT) > 0) {
            return Optional.of("amount " + item.amount() + " cannot be paid by SEPA");
        }
        Optional<String> iban = BankAccounts.ibanError(item.iban());
        if (iban.isPresent()) {
            return iban;
        }
        if (!BankAccounts.isSepaIban(item.iban())) {
            return Optional.of("IBAN country " + BankAccounts.normalizeIban(item.iban()).substring(0, 2)
                    + " is not in the SEPA scheme");
        }
        if (item.bic() != null && !item.bic().isBlank()) {
            Optional<String> bic = BankAccounts.bicError(item.bic());
            if (bic.isPresent()) {
                return bic;
            }
        }
        if (SepaText.text(item.partnerName(), 70) == null) {
            return Optional.of("partner name is missing or has no character the SEPA character set can carry");
        }
        try {
            Pain001Writer.endToEndId(item.itemId());
        } catch (IllegalArgumentException e) {
            return Optional.of("item id is not a SEPA end-to-end identifier");
        }
        return Optional.empty();
    }

    private static Optional<String> achProblem(PayeeItem item) {
        if (!"USD".equals(item.amount().currencyCode())) {
            return Optional.of("currency " + item.amount().currencyCode() + " cannot be paid by ACH (USD only)");
        }
        if (!item.amount().isPositive() || item.amount().minorUnits().compareTo(NachaWriter.MAX_ENTRY_CENTS) > 0) {
            return Optional.of("amount " + item.amount() + " cannot be paid by ACH");
        }
        Optional<String> routing = BankAccounts.abaRoutingError(item.abaRouting());
        if (routing.isPresent()) {
            return routing;
        }
        Optional<String> account = BankAccounts.usAccountNumberError(item.accountNumber());
        if (account.isPresent()) {
            return account;
        }
        if (NachaWriter.alpha(item.partnerName(), 22).isBlank()) {
            return Optional.of("partner name is missing or has no character a NACHA file can carry");
        }
        return Optional.empty();
    }
}
