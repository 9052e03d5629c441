package io.partnerflow.platform.trace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceContextTest {
    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aChildKeepsTheTraceIdAndFlagsWithANewSpan() {
        TraceContext child = TraceContext.childOf(PARENT, "vendor=x");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", child.traceId());
        assertTrue(child.traceparent().endsWith("-01"));
        assertNotEquals(PARENT, child.traceparent());
        assertEquals("vendor=x", child.tracestate());
    }

    @Test
    void malformedOrAllZeroParentsStartANewValidRoot() {
        for (String bad : new String[]{null, "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}) {
            TraceContext t = TraceContext.childOf(bad, null);
            assertTrue(t.traceparent().matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"), t.traceparent());
            assertNotEquals("4bf92f3577b34da6a3ce929d0e0e4736", t.traceId());
        }
    }
}
