package io.partnerflow.incentive.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProgramReportByTest {

    @Test
    void parsesOnlyTheDocumentedDimensions() {
        assertEquals(Optional.of(ProgramReportBy.TIER), ProgramReportBy.of("program-tier"));
        assertEquals(Optional.of(ProgramReportBy.QUARTER), ProgramReportBy.of("program-quarter"));
        assertEquals(Optional.empty(), ProgramReportBy.of("tier"));
        assertEquals(Optional.empty(), ProgramReportBy.of("PROGRAM"));
        assertEquals(Optional.empty(), ProgramReportBy.of(null));
        assertEquals("program, program-tier, program-region, program-month, program-quarter", ProgramReportBy.allowed());
    }

    @Test
    void costPerRevenueRoundsOnceHalfEvenToSixDecimals() {
        // 1/3 = 0.333333|33… -> 0.333333
        assertEquals(new BigDecimal("0.333333"), ProgramReportBy.costPerRevenue(new BigDecimal("100.00"), new BigDecimal("300.00")));
        // 0.0000125 -> HALF_EVEN -> 0.000012 (not 0.000013)
        assertEquals(new BigDecimal("0.000012"), ProgramReportBy.costPerRevenue(new BigDecimal("0.125"), new BigDecimal("10000")));
        assertEquals(new BigDecimal("-0.050000"), ProgramReportBy.costPerRevenue(new BigDecimal("-5.00"), new BigDecimal("100.00")));
    }

    @Test
    void costPerRevenueIsNullWithoutRevenue() {
        assertNull(ProgramReportBy.costPerRevenue(new BigDecimal("10.00"), BigDecimal.ZERO));
        assertNull(ProgramReportBy.costPerRevenue(new BigDecimal("10.00"), new BigDecimal("0.00")));
        assertNull(ProgramReportBy.costPerRevenue(new BigDecimal("10.00"), null));
    }
}
