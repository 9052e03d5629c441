package io.partnerflow.payout.domain.export;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.export.PayeeItem.AccountType;
import io.partnerflow.payout.domain.export.PayeeItem.Method;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NACHA files checked field by field against {@code src/test/resources/export/nacha-sample.ach}, a file composed
 * by hand from the values computed below (positions are 1-based and inclusive, per the NACHA record layouts):
 *
 * <pre>
 * config: destination 021000021 "JPMORGAN CHASE", origin 1234567890 "PARTNERFLOW INC", company "PARTNERFLOW INC"
 *         id 1234567890, originating DFI 02100002, entry description "PAYOUT"
 * created 2026-11-23T14:05:09Z → date 261123, time 1405; effective entry date 2026-11-25 → 261125; modifier A
 * items:  item-0001 business  checking 011000015 acct 123456789   1500.00 USD "Acme Resellers LLC"
 *         item-0002 business  savings  122105155 acct 9876543210   250.75 USD "Bolt Partners Inc"
 *         item-0003 individual checking 021000021 acct 5555         99.99 USD "Jane O'Neil"
 * ABA checks (3-7-1): 011000015 → 3(0+0+0)+7(1+0+1)+(1+0+5) = 20; 122105155 → 3(1+1+1)+7(2+0+5)+(2+5+5) = 70;
 *         021000021 → 3(0+0+0)+7(2+0+2)+(1+0+1) = 30: all multiples of 10.
 * CCD batch 1 (businesses): receiving DFIs 01100001 + 12210515 = 13310516 → hash 0013310516;
 *         credits 150000 + 25075 = 175075 cents → 000000175075; 2 entries; traces 021000020000001, …0002.
 * PPD batch 2 (individual): DFI 02100002 → hash 0002100002; credits 9999 → 000000009999; trace 021000020000003.
 * file: 2 batches; entries 3 → 00000003; hash 13310516 + 02100002 = 15410518 → 0015410518;
 *       credits 175075 + 9999 = 185074 → 000000185074; records 1 + (1+2+1) + (1+1+1) + 1 = 9 → one all-9 filler
 *       record makes 10 = 1 block → block count 000001.
 * </pre>
 */
class NachaWriterTest {

    static final NachaConfig CONFIG = new NachaConfig("021000021", "JPMORGAN CHASE", "1234567890", "PARTNERFLOW INC",
            "PARTNERFLOW INC", "1234567890", "02100002", "PAYOUT");
    static final Instant CREATED = Instant.parse("2026-11-23T14:05:09Z");
    static final LocalDate EFFECTIVE = LocalDate.parse("2026-11-25");

    static PayeeItem ach(String id, String amount, String name, String routing, String account, AccountType type, boolean business) {
        return new PayeeItem(id, "partner-" + id, name, Money.of(amount, "USD"), Method.ACH, null, null, routing, account,
                type, business, "Payout " + id);
    }

    static List<PayeeItem> sampleItems() {
        // the individual first: the writer still puts the CCD batch first and keeps item order within a batch
        return List.of(
                ach("item-0003", "99.99", "Jane O'Neil", "021000021", "5555", AccountType.CHECKING, false),
                ach("item-0001", "1500.00", "Acme Resellers LLC", "011000015", "123456789", AccountType.CHECKING, true),
                ach("item-0002", "250.75", "Bolt Partners Inc", "122105155", "9876543210", AccountType.SAVINGS, true));
    }

    static String sampleFile() throws Exception {
        try (InputStream in = NachaWriterTest.class.getResourceAsStream("/export/nacha-sample.ach")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static String field(String record, int from, int to) {
        return record.substring(from - 1, to);
    }

    @Test
    void writesExactlyTheHandVerifiedSampleFile() throws Exception {
        assertEquals(sampleFile(), NachaWriter.write(CONFIG, EFFECTIVE, CREATED, 'A', sampleItems()));
    }

    @Test
    void fileHeaderFieldByField() throws Exception {
        String r = NachaWriter.write(CONFIG, EFFECTIVE, CREATED, 'A', sampleItems()).split("\n")[0];
        assertEquals("1", field(r, 1, 1));                          // record type code
        assertEquals("01", field(r, 2, 3));                         // priority code
        assertEquals(" 021000021", field(r, 4, 13));                // immediate destination: blank + routing
        assertEquals("1234567890", field(r, 14, 23));               // immediate origin
        assertEquals("261123", field(r, 24, 29));                   // file creation date YYMMDD
        assertEquals("1405", field(r, 30, 33));                     // file creation time HHMM (UTC)
        assertEquals("A", field(r, 34, 34));                        // file id modifier
        assertEquals("094", field(r, 35, 37));                      // record size
        assertEquals("10", field(r, 38, 39));                       // blocking factor
        assertEquals("1", field(r, 40, 40));                        // format code
        assertEquals("JPMORGAN CHASE         ", field(r, 41, 63));  // immediate destination name (23)
        assertEquals("PARTNERFLOW INC        ", field(r, 64, 86));  // immediate origin name (23)
        assertEquals("        ", field(r, 87, 94));                 // reference code
    }

    @Test
    void batchHeadersEntriesAndControlsFieldByField() throws Exception {
        String[] r = NachaWriter.write(CONFIG, EFFECTIVE, CREATED, 'A', sampleItems()).split("\n");
        // record 2: CCD batch header
        assertEquals("5", field(r[1], 1, 1));                       // record type
        assertEquals("220", field(r[1], 2, 4));                     // service class: credits only
        assertEquals("PARTNERFLOW INC ", field(r[1], 5, 20));       // company name (16)
        assertEquals(" ".repeat(20), field(r[1], 21, 40));          // company discretionary data
        assertEquals("1234567890", field(r[1], 41, 50));            // company identification
        assertEquals("CCD", field(r[1], 51, 53));                   // SEC code: businesses
        assertEquals("PAYOUT    ", field(r[1], 54, 63));            // company entry description
        assertEquals("      ", field(r[1], 64, 69));                // company descriptive date
        assertEquals("261125", field(r[1], 70, 75));                // effective entry date
        assertEquals("   ", field(r[1], 76, 78));                   // settlement date: set by the ACH operator
        assertEquals("1", field(r[1], 79, 79));                     // originator status code
        assertEquals("02100002", field(r[1], 80, 87));              // originating DFI
        assertEquals("0000001", field(r[1], 88, 94));               // batch number
        // record 3: first CCD entry (item-0001, checking)
        assertEquals("6", field(r[2], 1, 1));
        assertEquals("22", field(r[2], 2, 3));                      // checking credit
        assertEquals("01100001", field(r[2], 4, 11));               // receiving DFI
        assertEquals("5", field(r[2], 12, 12));                     // check digit
        assertEquals("123456789        ", field(r[2], 13, 29));     // DFI account number (17)
        assertEquals("0000150000", field(r[2], 30, 39));            // amount in cents
        assertEquals("ITEM0001       ", field(r[2], 40, 54));       // identification number (15)
        assertEquals("ACME RESELLERS LLC    ", field(r[2], 55, 76)); // receiving company name (22)
        assertEquals("  ", field(r[2], 77, 78));                    // discretionary data
        assertEquals("0", field(r[2], 79, 79));                     // addenda record indicator
        assertEquals("021000020000001", field(r[2], 80, 94));       // trace number = ODFI + sequence
        // record 4: second CCD entry (item-0002, savings)
        assertEquals("32", field(r[3], 2, 3));                      // savings credit
        assertEquals("12210515", field(r[3], 4, 11));
        assertEquals("5", field(r[3], 12, 12));
        assertEquals("9876543210       ", field(r[3], 13, 29));
        assertEquals("0000025075", field(r[3], 30, 39));
        assertEquals("021000020000002", field(r[3], 80, 94));
        // record 5: CCD batch control
        assertEquals("8", field(r[4], 1, 1));
        assertEquals("220", field(r[4], 2, 4));
        assertEquals("000002", field(r[4], 5, 10));                 // entry/addenda count
        assertEquals("0013310516", field(r[4], 11, 20));            // entry hash
        assertEquals("000000000000", field(r[4], 21, 32));          // total debits
        assertEquals("000000175075", field(r[4], 33, 44));          // total credits
        assertEquals("1234567890", field(r[4], 45, 54));            // company identification
        assertEquals(" ".repeat(19), field(r[4], 55, 73));          // message authentication code
        assertEquals(" ".repeat(6), field(r[4], 74, 79));           // reserved
        assertEquals("02100002", field(r[4], 80, 87));
        assertEquals("0000001", field(r[4], 88, 94));
        // record 6: PPD batch header, record 7: its entry, record 8: its control
        assertEquals("PPD", field(r[5], 51, 53));
        assertEquals("0000002", field(r[5], 88, 94));
        assertEquals("22", field(r[6], 2, 3));
        assertEquals("02100002", field(r[6], 4, 11));
        assertEquals("1", field(r[6], 12, 12));
        assertEquals("5555             ", field(r[6], 13, 29));
        assertEquals("0000009999", field(r[6], 30, 39));
        assertEquals("JANE O'NEIL           ", field(r[6], 55, 76)); // individual name
        assertEquals("021000020000003", field(r[6], 80, 94));
        assertEquals("000001", field(r[7], 5, 10));
        assertEquals("0002100002", field(r[7], 11, 20));
        assertEquals("000000009999", field(r[7], 33, 44));
        assertEquals("0000002", field(r[7], 88, 94));
        // record 9: file control
        assertEquals("9", field(r[8], 1, 1));
        assertEquals("000002", field(r[8], 2, 7));                  // batch count
        assertEquals("000001", field(r[8], 8, 13));                 // block count
        assertEquals("00000003", field(r[8], 14, 21));              // entry/addenda count
        assertEquals("0015410518", field(r[8], 22, 31));            // entry hash
        assertEquals("000000000000", field(r[8], 32, 43));          // total debits
        assertEquals("000000185074", field(r[8], 44, 55));          // total credits
        assertEquals(" ".repeat(39), field(r[8], 56, 94));          // reserved
        // record 10: filler
        assertEquals("9".repeat(94), r[9]);
    }

    @Test
    void onlyIndividualsGiveOnePpdBatch() {
        String[] r = NachaWriter.write(CONFIG, EFFECTIVE, CREATED, '0', List.of(sampleItems().get(0))).split("\n");
        assertEquals("PPD", field(r[1], 51, 53));
        assertEquals("0000001", field(r[1], 88, 94));
        assertEquals("000001", field(r[4], 2, 7), "one batch");
        assertEquals("021000020000001", field(r[2], 80, 94));
        assertEquals("0", field(r[0], 34, 34));
        assertEquals(10, r.length);
    }

    @Test
    void structureHoldsForAFileOfManyRandomItems() {
        Random random = new Random(7);
        String[] routings = {"011000015", "021000021", "122105155", "026009593", "111000025", "322271627"};
        List<PayeeItem> items = new ArrayList<>();
        BigInteger expectedCredits = BigInteger.ZERO;
        BigInteger expectedHash = BigInteger.ZERO;
        for (int i = 0; i < 1234; i++) {
            long cents = random.nextLong(1, 100_000_000L); // up to $1,000,000.00
            expectedCredits = expectedCredits.add(BigInteger.valueOf(cents));
            String routing = routings[random.nextInt(routings.length)];
            expectedHash = expectedHash.add(new BigInteger(routing.substring(0, 8)));
            items.add(new PayeeItem("item-" + i, "p" + i, "Partner Ñame " + i, Money.ofMinor(BigInteger.valueOf(cents),
                    java.util.Currency.getInstance("USD")), Method.ACH, null, null, routing,
                    String.valueOf(random.nextLong(1, 99_999_999_999_999_999L)),
                    random.nextBoolean() ? AccountType.SAVINGS : null, random.nextBoolean(), null));
        }
        String file = NachaWriter.write(CONFIG, EFFECTIVE, CREATED, 'B', items);
        assertTrue(file.endsWith("\n"));
        String[] lines = file.split("\n");
        assertEquals(0, lines.length % 10, "blocking factor 10");
        for (String line : lines) {
            assertEquals(94, line.length(), line);
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), line);
        }
        int fileControl = -1;
        BigInteger credits = BigInteger.ZERO;
        BigInteger batchCredits = BigInteger.ZERO;
        BigInteger batchHash = BigInteger.ZERO;
        int entries = 0;
        int batchEntries = 0;
        long sequence = 0;
        for (int i = 0; i < lines.length; i++) {
            String r = lines[i];
            switch (r.charAt(0)) {
                case '5' -> {
                    batchEntries = 0;
                    batchCredits = BigInteger.ZERO;
                    batchHash = BigInteger.ZERO;
                }
                case '6' -> {
                    entries++;
                    batchEntries++;
                    batchCredits = batchCredits.add(new BigInteger(field(r, 30, 39)));
                    batchHash = batchHash.add(new BigInteger(field(r, 4, 11)));
                    credits = credits.add(new BigInteger(field(r, 30, 39)));
                    assertEquals("02100002" + String.format("%07d", ++sequence), field(r, 80, 94), "trace numbers ascend");
                }
                case '8' -> {
                    assertEquals(batchEntries, Integer.parseInt(field(r, 5, 10)));
                    assertEquals(batchHash.mod(BigInteger.TEN.pow(10)), new BigInteger(field(r, 11, 20)));
                    assertEquals(batchCredits, new BigInteger(field(r, 33, 44)));
                }
                case '9' -> {
                    if (fileControl < 0) {
                        fileControl = i;
                    } else {
                        assertEquals("9".repeat(94), r, "only filler after the file control");
                    }
                }
                default -> assertEquals(0, i, "the file header comes first");
            }
        }
        String control = lines[fileControl];
        assertEquals(1234, entries);
        assertEquals(expectedCredits, credits);
        assertEquals(expectedCredits, new BigInteger(field(control, 44, 55)), "total credits in cents");
        assertEquals(String.format("%08d", 1234), field(control, 14, 21));
        assertEquals(expectedHash.mod(BigInteger.TEN.pow(10)), new BigInteger(field(control, 22, 31)), "entry hash: last 10 digits");
        assertTrue(expectedHash.compareTo(BigInteger.TEN.pow(10)) > 0, "the hash really overflowed 10 digits in this test");
        assertEquals(lines.length / 10, Integer.parseInt(field(control, 8, 13)), "block count");
        assertEquals("000002", field(control, 2, 7));
    }

    @Test
    void refusesABatchWhoseTotalDoesNotFitTwelveDigits() {
        // 101 entries of $99,999,999.99 = $10,099,999,999.99: more than the 12-digit total credit field holds
        List<PayeeItem> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(ach("big-" + i, "99999999.99", "Big " + i, "011000015", "1", null, true));
        }
        assertRefused("total", items);
        // 100 of them, $9,999,999,999.00 = 999999999900 cents, still fit
        String[] lines = NachaWriter.write(CONFIG, EFFECTIVE, CREATED, 'A', items.subList(0, 100)).split("\n");
        assertEquals("999999999900", field(lines[102], 33, 44)); // header, batch header, 100 entries, batch control
        assertEquals("999999999900", field(lines[103], 44, 55)); // file control
    }

    @Test
    void refusesWhatAnAchFileCannotCarry() {
        PayeeItem good = sampleItems().get(1);
        assertRefused("at least one item", List.of());
        assertRefused("is in EUR", List.of(new PayeeItem("i", "p", "P", Money.of("1.00", "EUR"), Method.ACH, null, null,
                "011000015", "123", null, true, null)));
        assertRefused("paid by SEPA", List.of(new PayeeItem("i", "p", "P", Money.of("1.00", "USD"), Method.SEPA, null, null,
                "011000015", "123", null, true, null)));
        assertRefused("routing number checksum is wrong", List.of(ach("i", "1.00", "P", "011000016", "123", null, true)));
        assertRefused("routing number is missing", List.of(ach("i", "1.00", "P", null, "123", null, true)));
        assertRefused("at most 17 digits", List.of(ach("i", "1.00", "P", "011000015", "123456789012345678", null, true)));
        assertRefused("only digits", List.of(ach("i", "1.00", "P", "011000015", "12-34", null, true)));
        assertRefused("must be above 0", List.of(ach("i", "0.00", "P", "011000015", "123", null, true)));
        assertRefused("at most 99999999.99", List.of(ach("i", "100000000.00", "P", "011000015", "123", null, true)));
        assertRefused("partner name is missing", List.of(ach("i", "1.00", null, "011000015", "123", null, true)));
        assertRefused("appears twice", List.of(good, good));
        assertThrows(IllegalArgumentException.class, () -> NachaWriter.write(CONFIG, EFFECTIVE, CREATED, 'a', List.of(good)));
    }

    @Test
    void configIsCheckedWhenItIsMade() {
        assertThrows(IllegalArgumentException.class, () -> new NachaConfig("021000022", "D", "1234567890", "O", "C", "1", "02100002", "P"));
        assertThrows(IllegalArgumentException.class, () -> new NachaConfig("021000021", "D", "12345", "O", "C", "1", "02100002", "P"));
        assertThrows(IllegalArgumentException.class, () -> new NachaConfig("021000021", "D", "1234567890", "O", "C", "1", "0210000", "P"));
        assertThrows(IllegalArgumentException.class, () -> new NachaConfig("021000021", "D", "1234567890", "O", "C", "1", "02100002", "DESCRIPTION"));
        assertThrows(IllegalArgumentException.class, () -> new NachaConfig("021000021", "D", "1234567890", "O", "THIS NAME IS TOO LONG", "1", "02100002", "P"));
        assertEquals(" 123456789", new NachaConfig("021000021", "D", "123456789", "O", "C", "1", "02100002", "P").immediateOrigin());
    }

    static void assertRefused(String messagePart, List<PayeeItem> items) {
        var e = assertThrows(IllegalArgumentException.class, () -> NachaWriter.write(CONFIG, EFFECTIVE, CREATED, 'A', items));
        assertTrue(e.getMessage().contains(messagePart), "\"" + e.getMessage() + "\" should contain \"" + messagePart + "\"");
    }
}
