package io.partnerflow.payout.domain.export;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.export.PayeeItem.AccountType;
import io.partnerflow.payout.domain.export.PayeeItem.Method;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentFilesTest {

    static PayeeItem item(String id, String amount, String currency, Method method, String iban, String bic,
                          String routing, String account) {
        return new PayeeItem(id, "p-" + id, "Partner " + id, Money.of(amount, currency), method, iban, bic, routing,
                account, AccountType.CHECKING, true, "ref " + id);
    }

    @Test
    void everyItemLandsInExactlyOneListWithItsReason() {
        List<PayeeItem> items = List.of(
                item("sepa-1", "10.00", "EUR", Method.SEPA, "DE89370400440532013000", "COBADEFFXXX", null, null),
                item("ach-1", "20.00", "USD", Method.ACH, null, null, "011000015", "123456"),
                item("manual-1", "30.00", "EUR", Method.MANUAL, null, null, null, null),
                item("sepa-gbp", "40.00", "GBP", Method.SEPA, "GB82WEST12345698765432", null, null, null),
                item("sepa-bad-iban", "50.00", "EUR", Method.SEPA, "DE89370400440532013001", null, null, null),
                item("sepa-not-sepa", "60.00", "EUR", Method.SEPA, "SA0380000000608010167519", null, null, null),
                item("sepa-bad-bic", "70.00", "EUR", Method.SEPA, "FR1420041010050500013M02606", "BNPAFRP", null, null),
                item("ach-eur", "80.00", "EUR", Method.ACH, null, null, "011000015", "123456"),
                item("ach-bad-routing", "90.00", "USD", Method.ACH, null, null, "011000016", "123456"),
                item("ach-bad-account", "11.00", "USD", Method.ACH, null, null, "011000015", "ACCT-1"),
                item("ach-zero", "0.00", "USD", Method.ACH, null, null, "011000015", "123456"),
                item("sepa-2", "12.00", "EUR", Method.SEPA, "NL91 ABNA 0417 1643 00", null, null, null));
        PaymentFiles.Split split = PaymentFiles.split(items);
        assertEquals(List.of("sepa-1", "sepa-2"), split.sepa().stream().map(PayeeItem::itemId).toList());
        assertEquals(List.of("ach-1"), split.nacha().stream().map(PayeeItem::itemId).toList());
        var reasons = split.manual().stream().collect(java.util.stream.Collectors.toMap(m -> m.item().itemId(),
                PaymentFiles.ManualPayment::reason, (a, b) -> a, java.util.LinkedHashMap::new));
        assertEquals(List.of("manual-1", "sepa-gbp", "sepa-bad-iban", "sepa-not-sepa", "sepa-bad-bic", "ach-eur",
                "ach-bad-routing", "ach-bad-account", "ach-zero"), List.copyOf(reasons.keySet()));
        assertEquals("method MANUAL", reasons.get("manual-1"));
        assertTrue(reasons.get("sepa-gbp").contains("GBP cannot be paid by SEPA"));
        assertTrue(reasons.get("sepa-bad-iban").contains("checksum"));
        assertTrue(reasons.get("sepa-not-sepa").contains("not in the SEPA scheme"));
        assertTrue(reasons.get("sepa-bad-bic").contains("BIC"));
        assertTrue(reasons.get("ach-eur").contains("EUR cannot be paid by ACH"));
        assertTrue(reasons.get("ach-bad-routing").contains("routing number checksum"));
        assertTrue(reasons.get("ach-bad-account").contains("only digits"));
        assertTrue(reasons.get("ach-zero").contains("cannot be paid by ACH"));
        assertEquals(items.size(), split.sepa().size() + split.nacha().size() + split.manual().size());
        for (var m : split.manual()) {
            assertFalse(m.reason().contains("370400440532013001"), "reasons never echo a number: " + m.reason());
        }
    }

    @Test
    void theSplitsFeedTheWritersWithoutRefusal() {
        List<PayeeItem> items = List.of(
                item("sepa-1", "10.00", "EUR", Method.SEPA, "DE89370400440532013000", null, null, null),
                item("ach-1", "20.00", "USD", Method.ACH, null, null, "011000015", "123456"),
                item("ach-2", "20.01", "USD", Method.ACH, null, null, "122105155", "99"));
        PaymentFiles.Split split = PaymentFiles.split(items);
        String xml = Pain001Writer.write(Pain001WriterTest.DEBTOR, "M-1", Pain001WriterTest.CREATED,
                Pain001WriterTest.EXECUTION, split.sepa());
        assertTrue(xml.contains("<EndToEndId>sepa-1</EndToEndId>"));
        String ach = NachaWriter.write(NachaWriterTest.CONFIG, NachaWriterTest.EFFECTIVE, NachaWriterTest.CREATED, 'A', split.nacha());
        assertEquals(10, ach.split("\n").length);
    }

    @Test
    void payeeItemsRefuseMissingIdsAndLongReferencesAndMaskTheirDetails() {
        assertThrows(IllegalArgumentException.class, () -> item(" ", "1.00", "EUR", Method.SEPA, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new PayeeItem("i", "p", "n", Money.of("1.00", "EUR"), Method.SEPA,
                null, null, null, null, null, false, "x".repeat(141)));
        assertThrows(NullPointerException.class, () -> new PayeeItem("i", "p", "n", null, Method.SEPA,
                null, null, null, null, null, false, null));
        String shown = item("i", "1.00", "EUR", Method.SEPA, "DE89370400440532013000", null, "011000015", "123456789").toString();
        assertFalse(shown.contains("370400440532013000"), shown);
        assertFalse(shown.contains("011000015"), shown);
        assertFalse(shown.contains("123456789"), shown);
        assertTrue(shown.contains("•••• 3000"), shown);
    }
}
