package io.partnerflow.payout.domain.returns;

import io.partnerflow.core.money.Money;
import io.partnerflow.payout.ReturnSamples;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReturnFilesTest {

    @Test
    void aPain002ReportsItsRejectedTransactionsAndIgnoresAcceptedOnes() {
        ReturnFiles.Parsed p = ReturnFiles.parse(ReturnSamples.pain002("abc123", "41.10", "AC04", "def456"));
        assertEquals(ReturnFiles.Format.PAIN_002, p.format());
        assertEquals(1, p.returns().size());
        assertEquals(1, p.ignored());
        ReturnEntry e = p.returns().get(0);
        assertEquals("abc123", e.reference());
        assertEquals("AC04", e.code());
        assertEquals(Money.of("41.10", "EUR"), e.amount());
        assertEquals("Account closed at the beneficiary bank", e.reason());
    }

    @Test
    void aCamt054ReportsItsReturnedTransactions() {
        ReturnFiles.Parsed p = ReturnFiles.parse(ReturnSamples.camt054("abc123", "12.00", "AC01"));
        assertEquals(ReturnFiles.Format.CAMT_054, p.format());
        assertEquals("AC01", p.returns().get(0).code());
        assertEquals("incorrect account number", p.returns().get(0).reason());
        assertEquals(Money.of("12.00", "EUR"), p.returns().get(0).amount());
    }

    @Test
    void aNachaReturnEntryCarriesItsIdentificationAmountAndReturnCode() {
        ReturnFiles.Parsed p = ReturnFiles.parse(ReturnSamples.nachaReturn("0A1B2C3D4E5F6A7", 5220, "R03", "021000021", "987654321"));
        assertEquals(ReturnFiles.Format.NACHA, p.format());
        ReturnEntry e = p.returns().get(0);
        assertEquals("0A1B2C3D4E5F6A7", e.reference());
        assertEquals(Money.of("52.20", "USD"), e.amount());
        assertEquals("R03", e.code());
        assertTrue(e.reason().startsWith("no account / unable to locate account"), e.reason());
        assertEquals("line 3", e.location());
    }

    @Test
    void anExternalEntityOrAnyDoctypeIsRefusedBeforeAnythingIsRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>&x;</CstmrPmtStsRpt></Document>""";
        ReturnFileException e = assertThrows(ReturnFileException.class, () -> ReturnFiles.parse(xxe));
        assertEquals("file", e.field());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><Document>&b;</Document>";
        assertThrows(ReturnFileException.class, () -> ReturnFiles.parse(bomb));
    }

    @Test
    void malformedFilesNameWhereAndWhy() {
        assertEquals("file", assertThrows(ReturnFileException.class, () -> ReturnFiles.parse("<Document><unclosed></Document>")).field());
        assertEquals("file", assertThrows(ReturnFileException.class, () -> ReturnFiles.parse("  ")).field());
        assertEquals("Document", assertThrows(ReturnFileException.class,
                () -> ReturnFiles.parse("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"/>")).field());
        String noCode = ReturnSamples.pain002("abc", "1.00", "AC04", "def").replace("<Rsn><Cd>AC04</Cd></Rsn>", "");
        assertEquals("TxInfAndSts[1]/StsRsnInf/Rsn/Cd", assertThrows(ReturnFileException.class, () -> ReturnFiles.parse(noCode)).field());
        String badAmount = ReturnSamples.pain002("abc", "1.001", "AC04", "def");
        assertEquals("TxInfAndSts[1]/OrgnlTxRef/Amt/InstdAmt", assertThrows(ReturnFileException.class, () -> ReturnFiles.parse(badAmount)).field());
        String nacha = ReturnSamples.nachaReturn("0A1B2C3D4E5F6A7", 5220, "R03", "021000021", "987654321");
        String shortLine = nacha.replaceFirst("\n6", "\n6X");
        assertEquals("line 3", assertThrows(ReturnFileException.class, () -> ReturnFiles.parse(shortLine)).field());
        String badCode = nacha.replace("799R03", "799X03");
        assertEquals("line 4", assertThrows(ReturnFileException.class, () -> ReturnFiles.parse(badCode)).field());
        assertEquals("line 1", assertThrows(ReturnFileException.class, () -> ReturnFiles.parse("hello")).field());
    }
}
