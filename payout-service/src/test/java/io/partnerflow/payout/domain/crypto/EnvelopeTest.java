package io.partnerflow.payout.domain.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {
    static final String K1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String K2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final Envelope.KeyRing OLD = Envelope.KeyRing.ofBase64("k1", Map.of("k1", K1));
    static final Envelope.KeyRing BOTH = Envelope.KeyRing.ofBase64("k2", Map.of("k1", K1, "k2", K2));
    static final String IBAN = "v1|DE89370400440532013000||";

    @Test
    void sealsUnderTheCurrentKeyWithAFreshDataKeyAndOpensToTheSameText() {
        String a = Envelope.seal(OLD, "bank-details:p1", IBAN);
        String b = Envelope.seal(OLD, "bank-details:p1", IBAN);
        assertNotEquals(a, b, "a fresh data key and IV per record");
        assertFalse(a.contains("DE89") || a.contains("0532013000"), a);
        assertEquals("k1", Envelope.keyId(a));
        assertEquals(IBAN, Envelope.open(OLD, "bank-details:p1", a));
    }

    @Test
    void aWrongContextAWrongKeyOrATamperedValueDoesNotOpen() {
        String a = Envelope.seal(OLD, "bank-details:p1", IBAN);
        assertThrows(IllegalStateException.class, () -> Envelope.open(OLD, "bank-details:p2", a));
        Envelope.KeyRing other = Envelope.KeyRing.ofBase64("k1", Map.of("k1", K2));
        assertThrows(IllegalStateException.class, () -> Envelope.open(other, "bank-details:p1", a));
        String[] p = a.split("\\.");
        char c = p[3].charAt(20);
        p[3] = p[3].substring(0, 20) + (c == 'A' ? 'B' : 'A') + p[3].substring(21);
        assertThrows(IllegalStateException.class, () -> Envelope.open(OLD, "bank-details:p1", String.join(".", p)));
        assertThrows(IllegalStateException.class, () -> Envelope.open(OLD, "bank-details:p1", "DE89370400440532013000"));
    }

    @Test
    void rotationOpensOldValuesSealsNewOnesUnderTheNewKeyAndRewrapsWithoutTouchingTheCiphertext() {
        String old = Envelope.seal(OLD, "ctx", IBAN);
        assertEquals(IBAN, Envelope.open(BOTH, "ctx", old), "old values still open after the rotation");
        assertEquals("k2", Envelope.keyId(Envelope.seal(BOTH, "ctx", IBAN)));
        String moved = Envelope.rewrap(BOTH, old);
        assertEquals("k2", Envelope.keyId(moved));
        assertEquals(old.split("\\.")[3], moved.split("\\.")[3], "only the data key is re-wrapped");
        assertEquals(IBAN, Envelope.open(Envelope.KeyRing.ofBase64("k2", Map.of("k2", K2)), "ctx", moved),
                "opens once the old key is gone");
        assertEquals(moved, Envelope.rewrap(BOTH, moved), "already current: unchanged");
    }

    @Test
    void aRingRefusesAMissingCurrentKeyOrAShortKeyAndNeverPrintsKeys() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.KeyRing.ofBase64("k9", Map.of("k1", K1)));
        assertThrows(IllegalArgumentException.class, () -> Envelope.KeyRing.ofBase64("k1",
                Map.of("k1", Base64.getEncoder().encodeToString(new byte[16]))));
        assertFalse(BOTH.toString().contains(K1));
        assertTrue(BOTH.toString().contains("k2"));
    }

    @Test
    void fingerprintsAreEqualForEqualValuesOnly() {
        var key = new javax.crypto.spec.SecretKeySpec(K1.getBytes(), "HmacSHA256");
        assertEquals(Envelope.fingerprint(key, IBAN), Envelope.fingerprint(key, IBAN));
        assertNotEquals(Envelope.fingerprint(key, IBAN), Envelope.fingerprint(key, "v1|FR1420041010050500013M02606||"));
    }
}
