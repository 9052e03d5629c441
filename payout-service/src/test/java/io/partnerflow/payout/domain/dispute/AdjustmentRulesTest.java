package io.partnerflow.payout.domain.dispute;

import io.partnerflow.core.money.Money;
import io.partnerflow.platform.security.CurrentUser;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdjustmentRulesTest {
    private static final BigDecimal THRESHOLD = new BigDecimal("1000");

    private static Money eur(String a) {
        return Money.of(a, "EUR");
    }

    @Test
    void aSmallAdjustmentWithinTheDisputedAmountBooksAtOnce() {
        assertFalse(AdjustmentRules.decide(eur("80.00"), eur("8.00"), THRESHOLD, false).needsSecondApproval());
        assertFalse(AdjustmentRules.decide(eur("80.00"), eur("-80.00"), THRESHOLD, false).needsSecondApproval());
        assertFalse(AdjustmentRules.decide(eur("5000.00"), eur("1000.00"), THRESHOLD, false).needsSecondApproval());
    }

    @Test
    void aboveTheDisputedAmountIsRefusedUnlessStatedAndThenNeedsASecondApprover() {
        AdjustmentRules.Refused r = assertThrows(AdjustmentRules.Refused.class,
                () -> AdjustmentRules.decide(eur("80.00"), eur("80.01"), THRESHOLD, false));
        assertEquals("adjustment.amount", r.field());
        assertEquals(List.of(AdjustmentRules.ABOVE_DISPUTED_AMOUNT),
                AdjustmentRules.decide(eur("80.00"), eur("-80.01"), THRESHOLD, true).secondApprovalReasons());
        assertEquals(List.of(AdjustmentRules.ABOVE_DISPUTED_AMOUNT, AdjustmentRules.ABOVE_THRESHOLD),
                AdjustmentRules.decide(eur("80.00"), eur("2000.00"), THRESHOLD, true).secondApprovalReasons());
    }

    @Test
    void aboveTheThresholdNeedsASecondApprover() {
        assertEquals(List.of(AdjustmentRules.ABOVE_THRESHOLD),
                AdjustmentRules.decide(eur("5000.00"), eur("1000.01"), THRESHOLD, false).secondApprovalReasons());
    }

    @Test
    void anotherCurrencyOrZeroIsRefused() {
        assertEquals("adjustment.currency", assertThrows(AdjustmentRules.Refused.class,
                () -> AdjustmentRules.decide(eur("80.00"), Money.of("8.00", "USD"), THRESHOLD, false)).field());
        assertEquals("adjustment.amount", assertThrows(AdjustmentRules.Refused.class,
                () -> AdjustmentRules.decide(eur("80.00"), eur("0.00"), THRESHOLD, false)).field());
    }

    @Test
    void identitiesAreCanonicalIssuerPlusSubject() {
        String iss = "https://idp.example/realms/pf";
        String base = CurrentUser.identity(iss, "sec-fin1");
        for (String variant : List.of("SEC-FIN1", " sec-fin1 ", "\uFF53\uFF45\uFF43-\uFF46\uFF49\uFF4E\uFF11", "sec\u200B-fin1", "Sec-Fin1\u00AD")) {
            assertEquals(base, CurrentUser.identity(iss, variant), variant);
        }
        assertEquals(base, CurrentUser.identity(iss + "/", "sec-fin1"));
        assertEquals(CurrentUser.identity(iss, "strasse"), CurrentUser.identity(iss, "STRAßE"));
        assertNotEquals(base, CurrentUser.identity("https://other.example", "sec-fin1"));
        assertNotEquals(base, CurrentUser.identity(iss, "sec-fin2"));
        // very long identities are stored as a digest, still equal for the same person
        String longId = CurrentUser.identity(iss, "a".repeat(600));
        org.junit.jupiter.api.Assertions.assertTrue(longId.startsWith("sha256:") && longId.length() < 100, longId);
        assertEquals(longId, CurrentUser.identity(iss, "A".repeat(600)));
        // the length prefix keeps issuer and subject apart
        assertNotEquals(CurrentUser.identity("a|b", "c"), CurrentUser.identity("a", "b|c"));
    }
}
