package io.partnerflow.payout.domain.export;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.export.PayeeItem.AccountType;
import io.partnerflow.payout.domain.export.PayeeItem.Method;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever the items, the split is a partition and its SEPA and NACHA lists are accepted by the writers. */
class PaymentFilesPropertiesTest {

    @Property(tries = 100)
    void splitListsAreAlwaysWritable(@ForAll("items") @Size(max = 20) List<PayeeItem> generated) throws Exception {
        List<PayeeItem> items = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) { // unique item ids, as a run guarantees
            PayeeItem g = generated.get(i);
            items.add(new PayeeItem(g.itemId() + "-" + i, g.partnerId(), g.partnerName(), g.amount(), g.method(), g.iban(),
                    g.bic(), g.abaRouting(), g.accountNumber(), g.accountType(), g.business(), g.reference()));
        }
        PaymentFiles.Split split = PaymentFiles.split(items);
        // the generator must really reach both writers, not only the manual list
        Statistics.label("sepa file").collect(!split.sepa().isEmpty());
        Statistics.label("nacha file").collect(!split.nacha().isEmpty());
        Statistics.label("sepa file").coverage(c -> c.check(true).percentage(p -> p >= 15));
        Statistics.label("nacha file").coverage(c -> c.check(true).percentage(p -> p >= 15));
        assertEquals(items.size(), split.sepa().size() + split.nacha().size() + split.manual().size());
        if (!split.sepa().isEmpty()) {
            String xml = Pain001Writer.write(Pain001WriterTest.DEBTOR, "M-1", Pain001WriterTest.CREATED,
                    Pain001WriterTest.EXECUTION, split.sepa());
            if (Pain001WriterTest.officialSchema == null) {
                Pain001WriterTest.loadOfficialSchema();
            }
            Pain001WriterTest.validate(xml);
            BigDecimal sum = split.sepa().stream().map(i -> i.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertTrue(xml.contains("<CtrlSum>" + sum.toPlainString() + "</CtrlSum>"), xml);
        }
        if (!split.nacha().isEmpty()) {
            String file = NachaWriter.write(NachaWriterTest.CONFIG, NachaWriterTest.EFFECTIVE, NachaWriterTest.CREATED, 'A',
                    split.nacha());
            assertEquals(0, file.split("\n").length % 10);
        }
    }

    @Provide
    Arbitrary<List<PayeeItem>> items() {
        Arbitrary<String> names = Arbitraries.of("Acme GmbH", "Müller & Söhne", "株式会社テスト", "   ", "O'Neil, Jane",
                "Łódź Partners Sp. z o.o.", null, "x".repeat(90));
        Arbitrary<String> ids = Arbitraries.of("item", "a/b", "id//x", "3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b", "x".repeat(30));
        Arbitrary<String> ibans = Arbitraries.of("DE89370400440532013000", "DE89370400440532013001", "SA0380000000608010167519",
                "FR1420041010050500013M02606", null, "GB82WEST12345698765432");
        Arbitrary<String> bics = Arbitraries.of("COBADEFFXXX", null, "BAD", "DEUTQQFF");
        Arbitrary<String> routings = Arbitraries.of("011000015", "011000016", "122105155", "021000021", "026009593", null);
        Arbitrary<String> accounts = Arbitraries.of("123456", "987654321", "5555", "12345678901234567", "1234567890123456789", "12-3", null);
        Arbitrary<Money> amounts = Combinators.combine(
                Arbitraries.of("EUR", "USD", "EUR", "USD", "GBP"), Arbitraries.longs().between(-100, 5_000_000_00L))
                .as((ccy, cents) -> Money.ofMinor(java.math.BigInteger.valueOf(cents), java.util.Currency.getInstance(ccy)));
        Arbitrary<PayeeItem> item = Combinators.combine(ids, names, amounts, Arbitraries.of(Method.class), ibans, bics,
                        routings, accounts)
                .as((id, name, amount, method, iban, bic, routing, account) -> new PayeeItem(id, "p", name, amount, method,
                        iban, bic, routing, account, AccountType.SAVINGS, name != null && name.length() > 10, "ref " + id));
        Arbitrary<PayeeItem> validSepa = Combinators.combine(names, Arbitraries.longs().between(1, 5_000_000_00L))
                .as((name, cents) -> new PayeeItem("sepa", "p", name, Money.ofMinor(java.math.BigInteger.valueOf(cents),
                        java.util.Currency.getInstance("EUR")), Method.SEPA, "NL91ABNA0417164300", null, null, null, null,
                        false, "ref"));
        Arbitrary<PayeeItem> validAch = Combinators.combine(names, Arbitraries.longs().between(1, 5_000_000_00L), Arbitraries.of(true, false))
                .as((name, cents, business) -> new PayeeItem("ach", "p", name, Money.ofMinor(java.math.BigInteger.valueOf(cents),
                        java.util.Currency.getInstance("USD")), Method.ACH, null, null, "122105155", "42", null,
                        business, "ref"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, item), net.jqwik.api.Tuple.of(1, validSepa), net.jqwik.api.Tuple.of(1, validAch)).list();
    }
}
