package io.partnerflow.payout.domain.export;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MxWriteConfiguration;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.ChargeBearerType1Code;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericFinancialIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GenericOrganisationIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.OrganisationIdentification29;
import com.prowidesoftware.swift.model.mx.dic.Party38Choice;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.PaymentTypeInformation26;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.ServiceLevel8Choice;
import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.bank.BankAccounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes SEPA credit transfer initiations, ISO 20022 pain.001.001.09, with the Prowide ISO 20022 model
 * ({@code MxPain00100109}, Apache 2.0) rather than hand-written XML: the library's JAXB model follows the ISO
 * schema, escapes text and formats dates and amounts; this class only fills it in and checks the money.
 *
 * <p>The file: one {@code PmtInf} with {@code PmtMtd=TRF}, {@code BtchBookg=true}, service level {@code SEPA},
 * charge bearer {@code SLEV}, the requested execution date, the vendor as debtor (agent = its BIC, or
 * {@code Othr/Id=NOTPROVIDED} without one); per item one {@code CdtTrfTxInf} with {@code EndToEndId} =
 * {@link #endToEndId(String) the item id}, the amount in EUR, the creditor agent's BIC when known, the partner's
 * name and IBAN and the reference as unstructured remittance. {@code NbOfTxs} and {@code CtrlSum} (group header
 * and PmtInf) are the exact count and sum. Text is transliterated to the SEPA character set ({@link SepaText}).
 */
public final class Pain001Writer {

    /** The pain.001.001.09 XML namespace. */
    public static final String NAMESPACE = MxPain00100109.NAMESPACE;
    /** Largest amount a SEPA credit transfer may carry (EPC rulebook). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");
    private static final String EUR = "EUR";
    private static final int MAX_NAME = 70;

    private Pain001Writer() {
    }

    /**
     * The {@code EndToEndId} written for an item id: the id itself, or a UUID without its hyphens (a UUID has 36
     * characters, SEPA allows 35). Banks report this value back in status reports and statements.
     */
    public static String endToEndId(String itemId) {
        return SepaText.id(itemId, "item id");
    }

    /**
     * One PmtInf (batch booking), exact NbOfTxs and CtrlSum, EndToEndId = item id, unstructured remittance =
     * reference. Refuses (IllegalArgumentException) an empty list, a non-EUR or non-SEPA item, a bad or
     * non-SEPA IBAN or a bad BIC (debtor's or payee's), a non-positive or too large amount, duplicate item ids
     * and ids that are not SEPA identifiers.
     */
    public static String write(SepaDebtor debtor, String messageId, Instant createdAt,
                               LocalDate requestedExecutionDate, List<PayeeItem> items) {
        Objects.requireNonNull(debtor, "debtor");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(requestedExecutionDate, "requestedExecutionDate");
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("a SEPA file needs at least one item");
        }
        String msgId = SepaText.id(messageId, "message id");
        String debtorIban = checkIban(debtor.iban(), "debtor");
        String debtorBic = debtor.bic() == null || debtor.bic().isBlank() ? null : checkBic(debtor.bic(), "debtor");
        String debtorName = requireText(debtor.name(), MAX_NAME, "debtor name");

        List<CreditTransferTransaction34> transactions = new ArrayList<>(items.size());
        Set<String> endToEndIds = new HashSet<>();
        Money total = Money.zero(EUR);
        for (PayeeItem item : items) {
            Objects.requireNonNull(item, "item");
            String where = "item " + item.itemId();
            if (item.method() != PayeeItem.Method.SEPA) {
                throw new IllegalArgumentException(where + " is paid by " + item.method() + ", not SEPA");
            }
            if (!EUR.equals(item.amount().currencyCode())) {
                throw new IllegalArgumentException(where + " is in " + item.amount().currencyCode()
                        + "; SEPA credit transfers are in EUR only");
            }
            if (!item.amount().isPositive() || item.amount().amount().compareTo(MAX_AMOUNT) > 0) {
                throw new IllegalArgumentException(where + ": amount " + item.amount()
                        + " must be above 0 and at most " + MAX_AMOUNT.toPlainString() + " EUR");
            }
            String endToEndId = endToEndId(item.itemId());
            if (!endToEndIds.add(endToEndId)) {
                throw new IllegalArgumentException(where + " appears twice in the file");
            }
            String iban = checkIban(item.iban(), where);
            String bic = item.bic() == null || item.bic().isBlank() ? null : checkBic(item.bic(), where);
            total = total.plus(item.amount());

            CreditTransferTransaction34 tx = new CreditTransferTransaction34()
                    .setPmtId(new PaymentIdentification6().setEndToEndId(endToEndId))
                    .setAmt(new AmountType4Choice().setInstdAmt(new ActiveOrHistoricCurrencyAndAmount()
                            .setValue(item.amount().amount()).setCcy(EUR)))
                    .setCdtr(new PartyIdentification135().setNm(
                            requireText(item.partnerName(), MAX_NAME, where + ": partner name")))
                    .setCdtrAcct(new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(iban)));
            if (bic != null) {
                tx.setCdtrAgt(new BranchAndFinancialInstitutionIdentification6()
                        .setFinInstnId(new FinancialInstitutionIdentification18().setBICFI(bic)));
            }
            String reference = SepaText.text(item.reference(), PayeeItem.MAX_REFERENCE_LENGTH);
            if (reference != null) {
                tx.setRmtInf(new RemittanceInformation16().addUstrd(reference));
            }
            transactions.add(tx);
        }

        String count = String.valueOf(items.size());
        BigDecimal controlSum = total.amount();
        PartyIdentification135 initiatingParty = new PartyIdentification135().setNm(debtorName);
        if (debtor.initiatingPartyId() != null && !debtor.initiatingPartyId().isBlank()) {
            initiatingParty.setId(new Party38Choice().setOrgId(new OrganisationIdentification29().addOthr(
                    new GenericOrganisationIdentification1().setId(
                            requireText(debtor.initiatingPartyId(), 35, "initiating party id")))));
        }
        GroupHeader85 header = new GroupHeader85()
                .setMsgId(msgId)
                .setCreDtTm(OffsetDateTime.ofInstant(createdAt.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC))
                .setNbOfTxs(count)
                .setCtrlSum(controlSum)
                .setInitgPty(initiatingParty);
        FinancialInstitutionIdentification18 debtorAgent = debtorBic != null
                ? new FinancialInstitutionIdentification18().setBICFI(debtorBic)
                : new FinancialInstitutionIdentification18().setOthr(new GenericFinancialIdentification1().setId("NOTPROVIDED"));
        PaymentInstruction30 payment = new PaymentInstruction30()
                .setPmtInfId(SepaText.id(paymentInformationId(msgId), "payment information id"))
                .setPmtMtd(PaymentMethod3Code.TRF)
                .setBtchBookg(Boolean.TRUE)
                .setNbOfTxs(count)
                .setCtrlSum(controlSum)
                .setPmtTpInf(new PaymentTypeInformation26().addSvcLvl(new ServiceLevel8Choice().setCd("SEPA")))
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(requestedExecutionDate))
                .setDbtr(new PartyIdentification135().setNm(debtorName))
                .setDbtrAcct(new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(debtorIban)))
                .setDbtrAgt(new BranchAndFinancialInstitutionIdentification6().setFinInstnId(debtorAgent))
                .setChrgBr(ChargeBearerType1Code.SLEV);
        transactions.forEach(payment::addCdtTrfTxInf);

        MxPain00100109 message = new MxPain00100109().setCstmrCdtTrfInitn(
                new CustomerCreditTransferInitiationV09().setGrpHdr(header).addPmtInf(payment));
        MxWriteConfiguration conf = new MxWriteConfiguration();
        conf.documentPrefix = null; // default namespace on <Document>, as banks expect
        String xml = message.message(conf);
        if (xml == null || xml.isBlank()) {
            throw new IllegalStateException("the ISO 20022 library could not write pain.001 message " + msgId);
        }
        return xml;
    }

    /** The PmtInfId: the message id with "-1" (one PmtInf per file), shortened to fit 35 characters. */
    static String paymentInformationId(String messageId) {
        String id = messageId.length() <= SepaText.MAX_ID_LENGTH - 2 ? messageId : messageId.substring(0, SepaText.MAX_ID_LENGTH - 2);
        return id + "-1";
    }

    private static String checkIban(String iban, String whose) {
        String normalized = BankAccounts.normalizeIban(iban);
        BankAccounts.ibanError(normalized).ifPresent(error -> {
            throw new IllegalArgumentException(whose + ": " + error);
        });
        if (!BankAccounts.isSepaIban(normalized)) {
            throw new IllegalArgumentException(whose + ": IBAN country " + normalized.substring(0, 2)
                    + " is not in the SEPA scheme");
        }
        return normalized;
    }

    private static String checkBic(String bic, String whose) {
        String normalized = BankAccounts.normalizeBic(bic);
        BankAccounts.bicError(normalized).ifPresent(error -> {
            throw new IllegalArgumentException(whose + ": " + error);
        });
        return normalized;
    }

    private static String requireText(String value, int max, String what) {
        String text = SepaText.text(value, max);
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing (or has no character SEPA can carry)");
        }
        return text;
    }
}
