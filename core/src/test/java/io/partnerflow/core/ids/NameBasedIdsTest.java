package io.partnerflow.core.ids;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NameBasedIdsTest {
    @Test
    void sameNaturalKeyGivesTheSameIdAndDifferentNamespacesOrPartsDoNot() {
        UUID a = NameBasedIds.of("incentive.commission", "attr-1", "rule-1", 3, "partner-1");
        assertEquals(a, NameBasedIds.of("incentive.commission", "attr-1", "rule-1", 3, "partner-1"));
        assertEquals(3, a.version());
        assertNotEquals(a, NameBasedIds.of("incentive.bounty", "attr-1", "rule-1", 3, "partner-1"));
        assertNotEquals(a, NameBasedIds.of("incentive.commission", "attr-1", "rule-1", 4, "partner-1"));
        // the separator keeps ("ab","c") and ("a","bc") apart
        assertNotEquals(NameBasedIds.of("x", "ab", "c"), NameBasedIds.of("x", "a", "bc"));
    }

    @Test
    void refusesMissingParts() {
        assertThrows(NullPointerException.class, () -> NameBasedIds.of("x", "a", null));
    }
}
