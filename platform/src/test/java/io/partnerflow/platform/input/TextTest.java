package io.partnerflow.platform.input;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTest {
    @Test
    void tabNewlineReturnAndUnicodeAreText() {
        assertNull(Text.violation("a\tb\nc\r d é 日本 🚀"));
        assertNull(Text.violation(""));
        assertNull(Text.violation(null));
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreNot() {
        for (char c : new char[]{0, 1, 0x1b, 0x7f, 0x85, 0x9f}) {
            assertNotNull(Text.violation("x" + c), "U+" + Integer.toHexString(c));
        }
        assertNotNull(Text.violation("\ud800"));
        assertNotNull(Text.violation("\udc00x"));
        assertNotNull(Text.violation("x\ud83d"));
    }

    @Test
    void aPreviewEscapesControlsAndCutsLongText() {
        assertEquals("a\\u0000b", Text.preview("a\u0000b", 50));
        String p = Text.preview("x".repeat(100_000), 10);
        assertTrue(p.startsWith("xxxxxxxxxx… (100000 characters)"), p);
    }
}
