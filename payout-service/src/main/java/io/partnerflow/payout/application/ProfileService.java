package io.partnerflow.payout.application;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.bank.BankAccounts;
import io.partnerflow.payout.domain.bank.BankNumbers;
import io.partnerflow.payout.domain.run.RunPlanner;
import io.partnerflow.payout.persistence.Sql;
import io.partnerflow.platform.problem.Problem;
import io.partnerflow.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Payout profiles: validated (IBAN/BIC/ABA via BankAccounts), audited with masked before/after. */
@ApplicationScoped
public class ProfileService {
    public static final Set<String> TAX_FORMS = Set.of("W-9", "W-8BEN", "W-8BEN-E", "EU_VAT_ID");

    private final Clock clock;
    private final BankVault vault;

    public ProfileService(Clock clock, BankVault vault) {
        this.clock = clock;
        this.vault = vault;
    }

    /**
     * A profile as stored: the bank numbers only masked (their sealed value and fingerprint alongside, never clear).
     * {@code returnedFingerprint}/{@code returnedReason}: the bank returned a payment to the details with that
     * fingerprint — the partner is held until the details change.
     */
    public record Profile(String partnerId, RunPlanner.Method method, String accountHolder, String ibanMasked, String bic,
                          String abaMasked, String accountMasked, String accountType, boolean business,
                          String taxFormType, String taxFormReference, LocalDate taxFormExpiresOn, Money minimum,
                          int revision, Instant updatedAt, String updatedBy, BankVault.Sealed bank,
                          String returnedFingerprint, String returnedReason) {

        /** The bank returned a payment to the details still on file: pay nothing until they change. */
        public boolean heldForReturn() {
            return returnedFingerprint != null && returnedFingerprint.equals(bank.fingerprint());
        }

        /** The profile with every bank number masked (what responses and the audit trail show). */
        public Map<String, Object> masked() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partnerId", partnerId);
            m.put("method", method.name());
            m.put("accountHolder", accountHolder);
            m.put("iban", ibanMasked);
            m.put("bic", bic);
            m.put("abaRouting", abaMasked);
            m.put("accountNumber", accountMasked);
            m.put("accountType", accountType);
            m.put("business", business);
            Map<String, Object> tax = null;
            if (taxFormType != null) {
                tax = new LinkedHashMap<>();
                tax.put("type", taxFormType);
                tax.put("reference", taxFormReference);
                tax.put("expiresOn", taxFormExpiresOn == null ? null : taxFormExpiresOn.toString());
            }
            m.put("taxForm", tax);
            m.put("minimumPayout", minimum == null ? null : Map.of("amount", minimum.amountString(), "currency", minimum.currencyCode()));
            m.put("revision", revision);
            m.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
            m.put("updatedBy", updatedBy);
            if (heldForReturn()) {
                m.put("returnHold", returnedReason);
            }
            return m;
        }

        /** Masked: a profile never shows its bank numbers in a log line or an exception message. */
        @Override
        public String toString() {
            return "Profile" + masked();
        }

        public RunPlanner.Profile forPlanner() {
            return new RunPlanner.Profile(method, taxFormType, taxFormExpiresOn, minimum, ibanMasked != null,
                    abaMasked != null && accountMasked != null, heldForReturn() ? returnedReason : null);
        }
    }

    /** A validated input: the profile's plain fields and the clear bank numbers, still to be sealed. */
    public record Validated(Profile profile, BankNumbers numbers) {
    }

    /** The input, as the REST layer hands it over (raw strings, validated here). */
    public record ProfileInput(String method, String accountHolder, String iban, String bic, String abaRouting,
                               String accountNumber, String accountType, Boolean business, String taxFormType,
                               String taxFormReference, LocalDate taxFormExpiresOn, String minimumAmount,
                               String minimumCurrency) {
        @Override
        public String toString() {
            return "ProfileInput[method=" + method + ", iban=" + BankAccounts.mask(iban) + ", abaRouting="
                    + BankAccounts.mask(abaRouting) + ", accountNumber=" + BankAccounts.mask(accountNumber) + "]";
        }
    }

    /** The longest account holder name a payment file carries (SEPA: 70). */
    public static final int MAX_HOLDER = 70;
    /** A minimum payout above this (in the currency's units) is a typing error, not a policy. */
    public static final java.math.BigDecimal MAX_MINIMUM = new java.math.BigDecimal("1000000");

    public Validated validate(String partnerId, ProfileInput in) {
        List<Problem.FieldError> errors = new ArrayList<>();
        RunPlanner.Method method = null;
        if (in.method() == null) {
            errors.add(new Problem.FieldError("method", "required: SEPA, ACH or MANUAL"));
        } else {
            switch (in.method().trim().toUpperCase()) {
                case "SEPA", "SEPA_CREDIT_TRANSFER" -> method = RunPlanner.Method.SEPA_CREDIT_TRANSFER;
                case "ACH" -> method = RunPlanner.Method.ACH;
                case "MANUAL" -> method = RunPlanner.Method.MANUAL;
                default -> errors.add(new Problem.FieldError("method", "one of SEPA, ACH, MANUAL"));
            }
        }
        String iban = blank(in.iban()) ? null : BankAccounts.normalizeIban(in.iban());
        String bic = blank(in.bic()) ? null : BankAccounts.normalizeBic(in.bic());
        String aba = blank(in.abaRouting()) ? null : in.abaRouting().strip();
        String account = blank(in.accountNumber()) ? null : in.accountNumber().strip();
        if (iban != null) {
            BankAccounts.ibanError(iban).ifPresent(e -> errors.add(new Problem.FieldError("iban", e)));
        }
        if (in.bic() != null && bic == null) {
            errors.add(new Problem.FieldError("bic", "must not be blank: a BIC like DEUTDEFF or DEUTDEFF500 (leave the field out when the bank needs none)"));
        }
        if (bic != null) {
            BankAccounts.bicError(bic).ifPresent(e -> errors.add(new Problem.FieldError("bic", e)));
        }
        if (aba != null) {
            BankAccounts.abaRoutingError(aba).ifPresent(e -> errors.add(new Problem.FieldError("abaRouting", e)));
        }
        if (account != null) {
            BankAccounts.usAccountNumberError(account).ifPresent(e -> errors.add(new Problem.FieldError("accountNumber", e)));
        }
        String accountType = blank(in.accountType()) ? null : in.accountType().trim().toUpperCase();
        if (accountType != null && !accountType.equals("CHECKING") && !accountType.equals("SAVINGS")) {
            errors.add(new Problem.FieldError("accountType", "CHECKING or SAVINGS"));
        }
        if (method == RunPlanner.Method.SEPA_CREDIT_TRANSFER && iban == null) {
            errors.add(new Problem.FieldError("iban", "required for SEPA"));
        }
        if (method == RunPlanner.Method.ACH) {
            if (aba == null) {
                errors.add(new Problem.FieldError("abaRouting", "required for ACH"));
            }
            if (account == null) {
                errors.add(new Problem.FieldError("accountNumber", "required for ACH"));
            }
        }
        if ((method == RunPlanner.Method.SEPA_CREDIT_TRANSFER || method == RunPlanner.Method.ACH) && blank(in.accountHolder())) {
            errors.add(new Problem.FieldError("accountHolder", "required for " + method.name()));
        }
        if (!blank(in.accountHolder()) && in.accountHolder().strip().length() > MAX_HOLDER) {
            // a SEPA credit transfer carries at most 70 characters of the creditor's name (EPC rulebook)
            errors.add(new Problem.FieldError("accountHolder", "at most " + MAX_HOLDER + " characters"));
        }
        String taxType = blank(in.taxFormType()) ? null : in.taxFormType().trim().toUpperCase();
        if (taxType != null && !TAX_FORMS.contains(taxType)) {
            errors.add(new Problem.FieldError("taxForm.type", "one of W-9, W-8BEN, W-8BEN-E, EU_VAT_ID"));
        }
        if ("EU_VAT_ID".equals(taxType) && (blank(in.taxFormReference())
                || !in.taxFormReference().strip().toUpperCase().matches("[A-Z]{2}[0-9A-Z+*.]{2,12}"))) {
            errors.add(new Problem.FieldError("taxForm.reference", "an EU VAT id like DE123456789"));
        }
        Money minimum = null;
        if (in.minimumAmount() != null || in.minimumCurrency() != null) {
            try {
                minimum = Money.of(in.minimumAmount(), in.minimumCurrency());
                if (minimum.isNegative()) {
                    errors.add(new Problem.FieldError("minimumPayout.amount", "must not be negative"));
                } else if (minimum.amount().compareTo(MAX_MINIMUM) > 0) {
                    errors.add(new Problem.FieldError("minimumPayout.amount", "at most " + MAX_MINIMUM.toPlainString()));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("minimumPayout", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the payout profile is not valid", errors.toArray(Problem.FieldError[]::new));
        }
        BankNumbers numbers = new BankNumbers(iban, aba, account);
        return new Validated(new Profile(partnerId, method, blank(in.accountHolder()) ? null : in.accountHolder().strip(),
                BankAccounts.mask(iban), bic, BankAccounts.mask(aba), BankAccounts.mask(account), accountType,
                in.business() == null || in.business(), taxType,
                blank(in.taxFormReference()) ? null : in.taxFormReference().strip().toUpperCase(), in.taxFormExpiresOn(),
                minimum, 0, null, null, BankVault.Sealed.NONE, null, null), numbers);
    }

    public Uni<Profile> put(String partnerId, ProfileInput in, String actor) {
        Validated v = validate(partnerId, in);
        Profile p = v.profile();
        BankVault.Sealed bank = vault.seal(partnerId, v.numbers());
        Instant now = Times.now(clock);
        return Panache.withTransaction(() -> find(partnerId, true).chain(before -> {
            int revision = before == null ? 1 : before.revision() + 1;
            Profile after = new Profile(partnerId, p.method(), p.accountHolder(), p.ibanMasked(), p.bic(), p.abaMasked(),
                    p.accountMasked(), p.accountType(), p.business(), p.taxFormType(), p.taxFormReference(),
                    p.taxFormExpiresOn(), p.minimum(), revision, now, actor, bank,
                    before == null ? null : before.returnedFingerprint(), before == null ? null : before.returnedReason());
            return Sql.exec("""
                            insert into payout_profile (partner_id, method, account_holder, iban_masked, bic, aba_masked, account_masked,
                                account_type, business, tax_form_type, tax_form_reference, tax_form_expires_on, minimum_amount,
                                minimum_currency, revision, updated_at, updated_by, bank_secret, bank_key_id, bank_fingerprint)
                            values (?1, ?2, cast(?3 as text), cast(?4 as varchar), cast(?5 as varchar), cast(?6 as varchar),
                                cast(?7 as varchar), cast(?8 as varchar), ?9, cast(?10 as varchar), cast(?11 as text),
                                cast(?12 as date), cast(?13 as numeric), cast(?14 as varchar), ?15, ?16, ?17,
                                cast(?18 as text), cast(?19 as varchar), cast(?20 as varchar))
                            on conflict (partner_id) do update set method = excluded.method,
                                account_holder = excluded.account_holder, iban_masked = excluded.iban_masked, bic = excluded.bic,
                                aba_masked = excluded.aba_masked, account_masked = excluded.account_masked,
                                account_type = excluded.account_type, business = excluded.business,
                                tax_form_type = excluded.tax_form_type, tax_form_reference = excluded.tax_form_reference,
                                tax_form_expires_on = excluded.tax_form_expires_on, minimum_amount = excluded.minimum_amount,
                                minimum_currency = excluded.minimum_currency, revision = excluded.revision,
                                updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                                bank_secret = excluded.bank_secret, bank_key_id = excluded.bank_key_id,
                                bank_fingerprint = excluded.bank_fingerprint""",
                            partnerId, after.method().wire(), after.accountHolder(), after.ibanMasked(), after.bic(),
                            after.abaMasked(), after.accountMasked(), after.accountType(), after.business(),
                            after.taxFormType(), after.taxFormReference(), after.taxFormExpiresOn(),
                            after.minimum() == null ? null : after.minimum().amount(),
                            after.minimum() == null ? null : after.minimum().currencyCode(), revision, now, actor,
                            bank.secret(), bank.keyId(), bank.fingerprint())
                    .chain(() -> Sql.exec("""
                                    insert into payout_profile_audit (partner_id, actor, at, before, after)
                                    values (?1, ?2, ?3, cast(?4 as text), ?5)""", partnerId, actor, now,
                            before == null ? null : EventJson.writeString(before.masked()), EventJson.writeString(after.masked())))
                    .replaceWith(after);
        }));
    }

    public Uni<Profile> find(String partnerId, boolean forUpdate) {
        return Sql.one("""
                        select partner_id, method, account_holder, iban_masked, bic, aba_masked, account_masked, account_type, business,
                               tax_form_type, tax_form_reference, tax_form_expires_on, minimum_amount, minimum_currency, revision,
                               updated_at, updated_by, bank_secret, bank_key_id, bank_fingerprint, returned_fingerprint,
                               returned_reason
                          from payout_profile where partner_id = ?1""" + (forUpdate ? " for update" : ""), partnerId)
                .map(r -> r == null ? null : new Profile(r.str(0), RunPlanner.Method.valueOf(r.str(1).toUpperCase()),
                        r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.bool(8), r.str(9), r.str(10),
                        r.date(11), r.dec(12) == null ? null : Money.of(r.dec(12), r.str(13)), (int) r.lng(14),
                        r.instant(15), r.str(16),
                        new BankVault.Sealed(r.str(17), r.str(18), r.str(19), r.str(3), r.str(5), r.str(6)),
                        r.str(20), r.str(21)));
    }

    public record AuditEntry(String actor, Instant at, String before, String after) {
    }

    public Uni<List<AuditEntry>> audit(String partnerId) {
        return Sql.query("select actor, at, before, after from payout_profile_audit where partner_id = ?1 order by id", partnerId)
                .map(rows -> rows.stream().map(r -> new AuditEntry(r.str(0), r.instant(1), r.str(2), r.str(3))).toList());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
