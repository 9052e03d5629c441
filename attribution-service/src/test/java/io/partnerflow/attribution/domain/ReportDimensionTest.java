package io.partnerflow.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportDimensionTest {
    @Test
    void countriesMapToTheDocumentedRegionsAndEverythingElseIsUnknown() {
        assertEquals("europe", ReportDimension.region("DE"));
        assertEquals("north-america", ReportDimension.region("US"));
        assertEquals("asia-pacific", ReportDimension.region("JP"));
        assertEquals("unknown", ReportDimension.region("AQ"));
        assertEquals("unknown", ReportDimension.region(null));
        assertTrue(ReportDimension.REGIONS.keySet().stream().allMatch(c -> c.matches("[A-Z]{2}")), "safe to inline in SQL");
        assertTrue(ReportDimension.REGIONS.values().stream().allMatch(r -> r.matches("[a-z-]+")), "safe to inline in SQL");
    }

    @Test
    void onlyTheListedGroupingsAreAcceptedAndPeriodsAreMarked() {
        assertEquals(Optional.of(ReportDimension.PARTNER_TYPE), ReportDimension.of("partner-type"));
        assertEquals(Optional.empty(), ReportDimension.of("PARTNER_TYPE"));
        assertEquals(Optional.empty(), ReportDimension.of("planet"));
        assertTrue(ReportDimension.QUARTER.isPeriod());
        assertFalse(ReportDimension.TIER.isPeriod());
    }
}
