package io.partnerflow.payout.domain.bank;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ISO 7064 MOD 97-10 catches every single-digit error: properties over published and generated IBANs. */
class BankAccountsPropertiesTest {

    /** Countries and lengths for generated IBANs (all-digit BBANs are valid IBAN syntax everywhere). */
    static final Map<String, Integer> LENGTHS = Map.of("DE", 22, "FR", 27, "NL", 18, "BE", 16, "NO", 15, "IT", 27,
            "ES", 24, "PL", 28, "GB", 22, "MT", 31);

    @Property
    void aPublishedIbanWithAnySingleDigitChangedFails(@ForAll("publishedMutation") String[] originalAndMutated) {
        assertEquals(java.util.Optional.empty(), BankAccounts.ibanError(originalAndMutated[0]));
        assertTrue(BankAccounts.ibanError(originalAndMutated[1]).isPresent(), originalAndMutated[1]);
    }

    @Property
    void aGeneratedIbanIsValidAndFailsWithAnySingleDigitChanged(@ForAll("generatedMutation") String[] originalAndMutated) {
        assertEquals(java.util.Optional.empty(), BankAccounts.ibanError(originalAndMutated[0]), originalAndMutated[0]);
        assertTrue(BankAccounts.ibanError(originalAndMutated[1]).isPresent(), originalAndMutated[1]);
    }

    @Property
    void aRoutingNumberWithAnySingleDigitChangedFails(@ForAll("routingMutation") String[] originalAndMutated) {
        assertEquals(java.util.Optional.empty(), BankAccounts.abaRoutingError(originalAndMutated[0]));
        assertTrue(BankAccounts.abaRoutingError(originalAndMutated[1]).isPresent(), originalAndMutated[1]);
    }

    @Property
    void maskNeverShowsMoreThanTheLastFour(@ForAll("numbers") String number) {
        String masked = BankAccounts.mask(number);
        String visible = masked.replace("•", "").strip();
        assertTrue(visible.length() <= 4, masked);
        String compact = number.replaceAll("\\s+", "");
        assertTrue(compact.endsWith(visible), masked);
        assertTrue(visible.isEmpty() || compact.length() >= 8, masked);
    }

    @Provide
    Arbitrary<String[]> publishedMutation() {
        return Arbitraries.of(BankAccountsTest.VALID_IBANS).flatMap(BankAccountsPropertiesTest::mutations);
    }

    @Provide
    Arbitrary<String[]> generatedMutation() {
        return Arbitraries.of(List.copyOf(LENGTHS.keySet())).flatMap(country ->
                Arbitraries.strings().numeric().ofLength(LENGTHS.get(country) - 4)
                        .map(bban -> withCheckDigits(country, bban))
                        .flatMap(BankAccountsPropertiesTest::mutations));
    }

    @Provide
    Arbitrary<String[]> routingMutation() {
        return Arbitraries.of("011000015", "021000021", "122105155", "026009593", "111000025", "322271627")
                .flatMap(BankAccountsPropertiesTest::mutations);
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.strings().withChars("0123456789ABCDEF ").ofMinLength(0).ofMaxLength(40);
    }

    /** Pairs (valid, valid with one digit replaced by a different digit), over every digit position. */
    static Arbitrary<String[]> mutations(String valid) {
        List<Integer> digitPositions = java.util.stream.IntStream.range(0, valid.length())
                .filter(i -> Character.isDigit(valid.charAt(i))).boxed().toList();
        return Combinators.combine(Arbitraries.of(digitPositions), Arbitraries.integers().between(1, 9))
                .as((position, delta) -> {
                    char mutated = (char) ('0' + (valid.charAt(position) - '0' + delta) % 10);
                    return new String[] {valid, valid.substring(0, position) + mutated + valid.substring(position + 1)};
                });
    }

    /** Computes ISO 13616 check digits independently of BankAccounts: 98 - (BBAN + country + "00") mod 97. */
    static String withCheckDigits(String country, String bban) {
        String rearranged = bban + (country.charAt(0) - 'A' + 10) + (country.charAt(1) - 'A' + 10) + "00";
        int check = 98 - new BigInteger(rearranged).mod(BigInteger.valueOf(97)).intValue();
        return country + (check < 10 ? "0" + check : String.valueOf(check)) + bban;
    }
}
