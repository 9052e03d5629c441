package io.partnerflow.attribution.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportDimensionTest {
    @Test
    void countriesMapToTheSharedRegionsOthersAreOtherAndNoCountryIsUnknown() {
        assertEquals("emea", ReportDimension.region("DE"));
        assertEquals("amer", ReportDimension.region("US"));
        assertEquals("apac", ReportDimension.region("JP"));
        assertEquals("other", ReportDimension.region("AQ"));
        assertEquals("unknown", ReportDimension.region(null));
        assertTrue(io.partnerflow.core.geo.Regions.byCountry().keySet().stream().allMatch(c -> c.matches("[A-Z]{2}")), "safe to inline in SQL");
        assertTrue(io.partnerflow.core.geo.Regions.byCountry().values().stream().allMatch(r -> r.matches("[a-z-]+")), "safe to inline in SQL");
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
