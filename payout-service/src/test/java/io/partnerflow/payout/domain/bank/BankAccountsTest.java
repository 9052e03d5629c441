package io.partnerflow.payout.domain.bank;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankAccountsTest {

    /** Published example IBANs (ECBS / SWIFT registry examples) of several countries, length 15 to 27. */
    static final List<String> VALID_IBANS = List.of(
            "DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606", "NL91ABNA0417164300",
            "BE68539007547034", "NO9386011117947", "CH9300762011623852957", "AT611904300234573201",
            "ES9121000418450200051332", "IT60X0542811101000000123456");

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
            "NL91ABNA0417164300", "BE68539007547034", "NO9386011117947", "CH9300762011623852957",
            "AT611904300234573201", "ES9121000418450200051332", "IT60X0542811101000000123456"})
    void acceptsPublishedIbansOfSeveralCountries(String iban) {
        assertEquals(Optional.empty(), BankAccounts.ibanError(iban));
    }

    @Test
    void acceptsIbansWrittenWithSpacesAndLowerCase() {
        assertEquals(Optional.empty(), BankAccounts.ibanError("de89 3704 0044 0532 0130 00"));
        assertEquals("DE89370400440532013000", BankAccounts.normalizeIban(" de89 3704\t0044 0532 0130 00 "));
        assertNull(BankAccounts.normalizeIban(null));
    }

    @Test
    void refusesAWrongChecksum() {
        assertError("IBAN checksum is wrong", BankAccounts.ibanError("DE89370400440532013001"));
        assertError("IBAN checksum is wrong", BankAccounts.ibanError("GB82WEST12345698765433"));
        // transposed digits
        assertError("IBAN checksum is wrong", BankAccounts.ibanError("NL91ABNA0417163400"));
        // check digits 00, 01 and 99 can never be valid
        assertError("IBAN checksum is wrong", BankAccounts.ibanError("DE00370400440532013000"));
    }

    @Test
    void refusesAWrongLengthForTheCountry() {
        assertError("IBAN has 21 characters; DE IBANs have 22", BankAccounts.ibanError("DE8937040044053201300"));
        assertError("IBAN has 23 characters; DE IBANs have 22", BankAccounts.ibanError("DE893704004405320130000"));
        // a valid Dutch length under a German prefix
        assertError("DE IBANs have 22", BankAccounts.ibanError("DE91ABNA0417164300"));
    }

    @Test
    void refusesUnknownCountriesAndBadCharacters() {
        assertError("IBAN country code US is not an IBAN country", BankAccounts.ibanError("US12345678901234567890"));
        assertError("IBAN country code ZZ", BankAccounts.ibanError("ZZ89370400440532013000"));
        assertError("not letters", BankAccounts.ibanError("1289370400440532013000"));
        assertError("only letters, digits and spaces", BankAccounts.ibanError("DE89-3704-0044-0532-0130-00"));
        assertError("check digits", BankAccounts.ibanError("DEXX370400440532013000"));
        assertError("IBAN is missing", BankAccounts.ibanError(null));
        assertError("IBAN is missing", BankAccounts.ibanError("   "));
        assertError("too short", BankAccounts.ibanError("DE8"));
    }

    @Test
    void ibanErrorsNeverEchoTheNumber() {
        for (String bad : List.of("DE89370400440532013001", "DE8937040044053201300", "US12345678901234567890",
                "DE89-3704-0044-0532-0130-00")) {
            String message = BankAccounts.ibanError(bad).orElseThrow();
            assertFalse(message.contains(bad.substring(4, 12)), message);
        }
    }

    @Test
    void knowsWhichIbanCountriesAreInSepa() {
        assertTrue(BankAccounts.isSepaIban("DE89370400440532013000"));
        assertTrue(BankAccounts.isSepaIban("GB82WEST12345698765432"));
        assertTrue(BankAccounts.isSepaIban("CH9300762011623852957"));
        assertFalse(BankAccounts.isSepaIban("SA0380000000608010167519"), "Saudi Arabia has IBANs but no SEPA");
        assertFalse(BankAccounts.isSepaIban("DE89370400440532013001"), "an invalid IBAN is not a SEPA IBAN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEUTDEFF", "DEUTDEFF500", "COBADEFFXXX", "BNPAFRPP", "ABNANL2A", "NWBKGB2L",
            "chasus33", "CHAS US33 XXX", "1234DEFF"})
    void acceptsValidBics(String bic) {
        assertEquals(Optional.empty(), BankAccounts.bicError(bic));
    }

    @Test
    void refusesInvalidBics() {
        assertError("8 or 11 characters, not 7", BankAccounts.bicError("DEUTDEF"));
        assertError("8 or 11 characters, not 10", BankAccounts.bicError("DEUTDEFF50"));
        assertError("2-letter country code", BankAccounts.bicError("DEUT12FF"));
        assertError("country code QQ", BankAccounts.bicError("DEUTQQFF"));
        assertError("2-letter country code", BankAccounts.bicError("DEUTDEF_"));
        assertError("BIC is missing", BankAccounts.bicError(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"011000015", "021000021", "122105155", "026009593", "111000025", " 011000015 "})
    void acceptsValidRoutingNumbers(String routing) {
        assertEquals(Optional.empty(), BankAccounts.abaRoutingError(routing));
    }

    @Test
    void refusesRoutingNumbersWithAWrongChecksumOrShape() {
        // 011000015 with its last digit changed: 3*(0+0+0) + 7*(1+0+1) + (1+0+6) = 21, not a multiple of 10
        assertError("checksum is wrong", BankAccounts.abaRoutingError("011000016"));
        assertError("checksum is wrong", BankAccounts.abaRoutingError("021000012"));
        assertError("checksum is wrong", BankAccounts.abaRoutingError("122105156"));
        assertError("9 digits, not 8", BankAccounts.abaRoutingError("01100001"));
        assertError("9 digits, not 10", BankAccounts.abaRoutingError("0110000150"));
        assertError("only digits", BankAccounts.abaRoutingError("01100001A"));
        // 50xxxxxxx passes 3-7-1 but 50 is no Federal Reserve prefix
        assertError("prefix", BankAccounts.abaRoutingError("500000007"));
        assertError("prefix", BankAccounts.abaRoutingError("000000000"));
        assertError("missing", BankAccounts.abaRoutingError(""));
    }

    @Test
    void usAccountNumbersAreOneToSeventeenDigits() {
        assertEquals(Optional.empty(), BankAccounts.usAccountNumberError("1"));
        assertEquals(Optional.empty(), BankAccounts.usAccountNumberError("12345678901234567"));
        assertError("at most 17 digits, not 18", BankAccounts.usAccountNumberError("123456789012345678"));
        assertError("only digits", BankAccounts.usAccountNumberError("1234-5678"));
        assertError("missing", BankAccounts.usAccountNumberError(null));
    }

    @Test
    void maskShowsOnlyTheLastFourCharacters() {
        assertEquals("•••• 3000", BankAccounts.mask("DE89370400440532013000"));
        assertEquals("•••• 3000", BankAccounts.mask("DE89 3704 0044 0532 0130 00"));
        assertEquals("•••• 5678", BankAccounts.mask("12345678"));
        assertEquals("••••", BankAccounts.mask("1234567"), "short numbers are masked completely");
        assertEquals("••••", BankAccounts.mask("42"));
        assertNull(BankAccounts.mask(null));
    }

    @Test
    void maskNeverRevealsMoreThanFourCharacters() {
        for (String number : List.of("DE89370400440532013000", "123456789", "12345678901234567", "011000015", "12", "")) {
            String masked = BankAccounts.mask(number);
            long visible = masked.chars().filter(Character::isLetterOrDigit).count();
            assertTrue(visible <= 4, masked);
            assertTrue(visible < number.length() || number.isEmpty(), masked);
        }
    }

    static void assertError(String expectedPart, Optional<String> error) {
        assertTrue(error.isPresent(), "expected an error containing \"" + expectedPart + "\"");
        assertTrue(error.get().contains(expectedPart), "\"" + error.get() + "\" should contain \"" + expectedPart + "\"");
    }
}
