package io.partnerflow.analytics.domain;

import io.partnerflow.core.geo.Regions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaderboardAndPeriodTest {

    @Test
    void tiesAreBrokenByAscendingPartnerIdAndAPartnerSeesOnlyItsOwnName() {
        List<Leaderboard.Entry> entries = List.of(new Leaderboard.Entry("b", "Bravo", new BigDecimal("10.00")),
                new Leaderboard.Entry("c", "Charlie", new BigDecimal("30.00")),
                new Leaderboard.Entry("a", "Alpha", new BigDecimal("10.00")));
        List<Leaderboard.Row> staff = Leaderboard.rank(entries, null);
        assertEquals(List.of("c", "a", "b"), staff.stream().map(Leaderboard.Row::partnerId).toList());
        assertEquals(List.of(1, 2, 3), staff.stream().map(Leaderboard.Row::rank).toList());

        List<Leaderboard.Row> asB = Leaderboard.rank(entries, "b");
        assertNull(asB.get(0).name());
        assertNull(asB.get(1).partnerId());
        assertEquals("Bravo", asB.get(2).name());
        assertTrue(asB.get(2).you());
        assertEquals(new BigDecimal("30.00"), asB.get(0).value(), "figures and ranks stay visible");
    }

    @Test
    void periodsAreCalendarMonthsAndQuarters() {
        Period q = Period.parse("2026-Q3");
        assertEquals(LocalDate.of(2026, 7, 1), q.from());
        assertEquals(LocalDate.of(2026, 10, 1), q.toExclusive());
        assertEquals("2026-Q2", q.previous().key());
        assertEquals("2025-Q4", Period.parse("2026-Q1").previous().key());
        Period m = Period.parse("2026-02");
        assertEquals(LocalDate.of(2026, 3, 1), m.toExclusive());
        assertEquals("2026-01", m.previous().key());
        Period ttm = Period.parse("ttm:2026-09");
        assertEquals(LocalDate.of(2025, 10, 1), ttm.from());
        assertEquals(LocalDate.of(2026, 10, 1), ttm.toExclusive());
        assertEquals("ttm:2026-09", ttm.key());
        assertTrue(ttm.contains(LocalDate.of(2026, 9, 30)) && !ttm.contains(LocalDate.of(2025, 9, 30)));
        assertFalse(ttm.isQuarter());
        assertEquals("ttm:2025-09", ttm.previous().key());
        assertEquals(LocalDate.of(2025, 10, 1), ttm.previous().toExclusive());
        assertEquals(LocalDate.of(2025, 1, 1), Period.parse("ttm:2025-12").from());
        for (String bad : new String[] {"2026-Q5", "2026-13", "Q3", "", "2026-7", "ttm:2026-13", "ttm:2026-Q3", "ttm:", "TTM"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Period.parse(bad)).getMessage().contains("2026-Q3"), bad);
        }
    }

    @Test
    void theProgramSettingShowsNamesToPartnersAndCountriesMapToDocumentedRegions() {
        List<Leaderboard.Entry> entries = List.of(new Leaderboard.Entry("a", "A", new BigDecimal("10")),
                new Leaderboard.Entry("b", "B", new BigDecimal("20")));
        List<Leaderboard.Row> shown = Leaderboard.rank(entries, "a", true);
        assertEquals(List.of("b", "a"), shown.stream().map(Leaderboard.Row::partnerId).toList());
        assertEquals("B", shown.get(0).name());
        assertTrue(shown.get(1).you());
        assertNull(Leaderboard.rank(entries, "a", false).get(0).name(), "masked by default");
        assertEquals("emea", Regions.of("DE"));
        assertEquals("emea", Regions.of("nl"));
        assertEquals("amer", Regions.of("US"));
        assertEquals("apac", Regions.of("JP"));
        assertEquals("other", Regions.of("AQ"));
        assertEquals("other", Regions.of(null));
        assertTrue(Regions.CODES.containsAll(List.of("amer", "emea", "apac", "other")));
    }
}
