package io.partnerflow.payout.domain.export;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.domain.bank.BankAccounts;

import java.math.BigInteger;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes NACHA ACH files of credits (service class 220) in the NACHA Operating Rules' fixed-width layout.
 *
 * <p>Records (94 characters each, positions 1-based):
 * <ul>
 *   <li>1 file header: type 1, priority 01, " " + immediate destination, immediate origin, creation date YYMMDD
 *       and time HHMM (UTC), file id modifier, record size 094, blocking factor 10, format code 1, destination
 *       and origin names, reference code (blank);</li>
 *   <li>5 batch header per batch — CCD for business payees first, then PPD for individuals, each only if it has
 *       entries: service class 220, company name, discretionary data (blank), company id, SEC code, entry
 *       description, descriptive date (blank), effective entry date YYMMDD, settlement date (blank, set by the
 *       ACH operator), originator status 1, originating DFI, batch number;</li>
 *   <li>6 entry detail per item: transaction code 22 (checking credit) or 32 (savings credit), receiving DFI
 *       (first 8 digits of the routing number) and check digit, account number, amount in cents (10 digits),
 *       identification number (the item id's letters and digits, first 15), name (22), discretionary data
 *       (blank), addenda indicator 0, trace number = originating DFI + 7-digit sequence (1, 2, … across the
 *       file, in item order within CCD then PPD);</li>
 *   <li>8 batch control: service class, entry count, entry hash (sum of the 8-digit receiving DFI ids, last 10
 *       digits), total debits (0), total credits, company id, MAC (blank), reserved, originating DFI, batch
 *       number;</li>
 *   <li>9 file control: batch count, block count, entry/addenda count, entry hash (sum of the batches', last 10
 *       digits), total debits, total credits, reserved;</li>
 *   <li>then records of 94 '9's until the line count is a multiple of 10 (blocking factor 10).</li>
 * </ul>
 * Alphanumeric fields are upper-cased, transliterated to ASCII, left-justified and space-filled (cut if too
 * long); numeric fields are right-justified and zero-filled. Lines end with "\n", the last one included.
 */
public final class NachaWriter {

    public static final int RECORD_LENGTH = 94;
    public static final int BLOCKING_FACTOR = 10;
    /** Largest amount one entry can carry: 10 digits of cents. */
    public static final BigInteger MAX_ENTRY_CENTS = new BigInteger("9999999999");
    /** Largest batch or file total: 12 digits of cents. */
    public static final BigInteger MAX_TOTAL_CENTS = new BigInteger("999999999999");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);
    private static final BigInteger HASH_MODULUS = BigInteger.TEN.pow(10);
    private static final String USD = "USD";

    private NachaWriter() {
    }

    /**
     * Refuses (IllegalArgumentException) an empty list, a non-USD or non-ACH item, an invalid routing or account
     * number, a non-positive or too large amount (an entry holds 10 digits of cents, the file total 12),
     * duplicate item ids, and a file id modifier other than A–Z or 0–9.
     */
    public static String write(NachaConfig cfg, LocalDate effectiveEntryDate, Instant createdAt,
                               char fileIdModifier, List<PayeeItem> items) {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(effectiveEntryDate, "effectiveEntryDate");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!((fileIdModifier >= 'A' && fileIdModifier <= 'Z') || (fileIdModifier >= '0' && fileIdModifier <= '9'))) {
            throw new IllegalArgumentException("file id modifier must be A-Z or 0-9");
        }
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("a NACHA file needs at least one item");
        }
        List<PayeeItem> businesses = new ArrayList<>();
        List<PayeeItem> individuals = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PayeeItem item : items) {
            Objects.requireNonNull(item, "item");
            check(item);
            if (!ids.add(item.itemId())) {
                throw new IllegalArgumentException("item " + item.itemId() + " appears twice in the file");
            }
            (item.business() ? businesses : individuals).add(item);
        }
        BigInteger total = items.stream().map(i -> i.amount().minorUnits()).reduce(BigInteger.ZERO, BigInteger::add);
        if (total.compareTo(MAX_TOTAL_CENTS) > 0) {
            throw new IllegalArgumentException("the file total " + Money.ofMinor(total, java.util.Currency.getInstance(USD))
                    + " exceeds the 12-digit NACHA total of 9999999999.99 USD: split the items over several files");
        }
        List<String> lines = new ArrayList<>();
        var created = createdAt.atOffset(ZoneOffset.UTC);
        lines.add(record("1", "01", " " + cfg.immediateDestination(), alpha(cfg.immediateOrigin(), 10),
                created.format(YYMMDD), created.format(HHMM), String.valueOf(fileIdModifier), "094", "10", "1",
                alpha(cfg.immediateDestinationName(), 23), alpha(cfg.immediateOriginName(), 23), alpha("", 8)));

        int batchNumber = 0;
        int sequence = 0;
        int entries = 0;
        BigInteger fileHash = BigInteger.ZERO;
        BigInteger fileCredits = BigInteger.ZERO;
        for (var batch : List.of(new Batch("CCD", businesses), new Batch("PPD", individuals))) {
            if (batch.items.isEmpty()) {
                continue;
            }
            batchNumber++;
            lines.add(record("5", "220", alpha(cfg.companyName(), 16), alpha("", 20), alpha(cfg.companyId(), 10),
                    batch.secCode, alpha(cfg.companyEntryDescription(), 10), alpha("", 6),
                    effectiveEntryDate.format(YYMMDD), alpha("", 3), "1", cfg.originatingDfi(), numeric(batchNumber, 7)));
            BigInteger hash = BigInteger.ZERO;
            BigInteger credits = BigInteger.ZERO;
            for (PayeeItem item : batch.items) {
                sequence++;
                String routing = item.abaRouting().strip();
                BigInteger cents = item.amount().minorUnits();
                String transactionCode = item.accountType() == PayeeItem.AccountType.SAVINGS ? "32" : "22";
                lines.add(record("6", transactionCode, routing.substring(0, 8), routing.substring(8),
                        alpha(item.accountNumber().strip(), 17), numeric(cents, 10), alpha(identification(item.itemId()), 15),
                        alpha(item.partnerName(), 22), alpha("", 2), "0", cfg.originatingDfi() + numeric(sequence, 7)));
                hash = hash.add(new BigInteger(routing.substring(0, 8)));
                credits = credits.add(cents);
            }
            entries += batch.items.size();
            lines.add(record("8", "220", numeric(batch.items.size(), 6), numeric(hash.mod(HASH_MODULUS), 10),
                    numeric(0, 12), numeric(credits, 12), alpha(cfg.companyId(), 10), alpha("", 19), alpha("", 6),
                    cfg.originatingDfi(), numeric(batchNumber, 7)));
            fileHash = fileHash.add(hash);
            fileCredits = fileCredits.add(credits);
        }
        int recordsWithControl = lines.size() + 1;
        int blocks = (recordsWithControl + BLOCKING_FACTOR - 1) / BLOCKING_FACTOR;
        lines.add(record("9", numeric(batchNumber, 6), numeric(blocks, 6), numeric(entries, 8),
                numeric(fileHash.mod(HASH_MODULUS), 10), numeric(0, 12), numeric(fileCredits, 12), alpha("", 39)));
        String filler = "9".repeat(RECORD_LENGTH);
        while (lines.size() % BLOCKING_FACTOR != 0) {
            lines.add(filler);
        }
        return String.join("\n", lines) + "\n";
    }

    private record Batch(String secCode, List<PayeeItem> items) {
    }

    private static void check(PayeeItem item) {
        String where = "item " + item.itemId();
        if (item.method() != PayeeItem.Method.ACH) {
            throw new IllegalArgumentException(where + " is paid by " + item.method() + ", not ACH");
        }
        Money amount = item.amount();
        if (!USD.equals(amount.currencyCode())) {
            throw new IllegalArgumentException(where + " is in " + amount.currencyCode() + "; ACH files are in USD only");
        }
        if (!amount.isPositive() || amount.minorUnits().compareTo(MAX_ENTRY_CENTS) > 0) {
            throw new IllegalArgumentException(where + ": amount " + amount + " must be above 0 and at most 99999999.99 USD");
        }
        BankAccounts.abaRoutingError(item.abaRouting()).ifPresent(e -> {
            throw new IllegalArgumentException(where + ": " + e);
        });
        BankAccounts.usAccountNumberError(item.accountNumber()).ifPresent(e -> {
            throw new IllegalArgumentException(where + ": " + e);
        });
        if (alpha(item.partnerName(), 22).isBlank()) {
            throw new IllegalArgumentException(where + ": partner name is missing");
        }
    }

    /** The entry's identification number: the item id's ASCII letters and digits, upper case, first 15. */
    public static String identification(String itemId) {
        String s = itemId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return s.length() <= 15 ? s : s.substring(0, 15);
    }

    private static String record(String... fields) {
        String r = String.join("", fields);
        if (r.length() != RECORD_LENGTH) {
            throw new IllegalStateException("NACHA record of " + r.length() + " characters, expected " + RECORD_LENGTH);
        }
        return r;
    }

    /** Upper case, accents dropped, non-printable or non-ASCII as space, left-justified, space-filled, cut. */
    static String alpha(String value, int width) {
        String s = value == null ? "" : Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder b = new StringBuilder(width);
        for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
            if (b.length() == width) {
                break;
            }
            b.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    private static String numeric(long value, int width) {
        return numeric(BigInteger.valueOf(value), width);
    }

    private static String numeric(BigInteger value, int width) {
        String digits = value.toString();
        if (value.signum() < 0 || digits.length() > width) {
            throw new IllegalArgumentException("value " + value + " does not fit a " + width + "-digit NACHA field");
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
