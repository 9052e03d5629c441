package io.partnerflow.incentive.domain.period;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calendar period ids and arithmetic, including time zones. */
class PeriodsTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    @Test
    void parseAndFormatRoundTrip() {
        assertEquals(CalendarPeriod.month(2026, 3), Periods.parse("2026-03"));
        assertEquals(CalendarPeriod.quarter(2026, 1), Periods.parse("2026-Q1"));
        assertEquals(CalendarPeriod.year(2026), Periods.parse("2026"));
        for (String id : List.of("2026-01", "2026-12", "2026-Q4", "1999", "2026")) {
            assertEquals(id, Periods.format(Periods.parse(id)));
        }
        assertEquals(Granularity.QUARTER, Periods.granularityOf("2026-Q2"));
        assertEquals("2026-03", CalendarPeriod.month(2026, 3).toString());
    }

    @Test
    void parseIsStrict() {
        for (String bad : List.of("2026-3", "2026-13", "2026-00", "2026-q1", "2026-Q5", "2026-Q0", "26", "2026-03-01",
                "", " 2026", "2026-M3", "0999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Periods.parse(bad), bad);
            assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Periods.parse("2026-13")).getMessage()
                .contains("MONTH number must be 1..12"));
        assertThrows(IllegalArgumentException.class, () -> Periods.parse(null));
    }

    @Test
    void firstAndLastDays() {
        assertEquals(LocalDate.parse("2028-02-01"), Periods.firstDay("2028-02"));
        assertEquals(LocalDate.parse("2028-02-29"), Periods.lastDay("2028-02")); // leap year
        assertEquals(LocalDate.parse("2026-02-28"), Periods.lastDay("2026-02"));
        assertEquals(LocalDate.parse("2026-10-01"), Periods.firstDay("2026-Q4"));
        assertEquals(LocalDate.parse("2026-12-31"), Periods.lastDay("2026-Q4"));
        assertEquals(LocalDate.parse("2026-04-01"), Periods.firstDay("2026-Q2"));
        assertEquals(LocalDate.parse("2026-06-30"), Periods.lastDay("2026-Q2"));
        assertEquals(LocalDate.parse("2026-01-01"), Periods.firstDay("2026"));
        assertEquals(LocalDate.parse("2026-12-31"), Periods.lastDay("2026"));
        assertEquals(LocalDate.parse("2027-01-01"), Periods.parse("2026-12").endExclusive());
    }

    @Test
    void previousAndNextCrossYears() {
        assertEquals("2025-12", Periods.previous("2026-01"));
        assertEquals("2026-02", Periods.previous("2026-03"));
        assertEquals("2025-Q4", Periods.previous("2026-Q1"));
        assertEquals("2026-Q2", Periods.previous("2026-Q3"));
        assertEquals("2025", Periods.previous("2026"));
        assertEquals("2027-01", Periods.next("2026-12"));
        assertEquals("2027-Q1", Periods.next("2026-Q4"));
        assertEquals("2027", Periods.next("2026"));
    }

    @Test
    void periodOfAnInstantDependsOnTheZone() {
        Instant lateMarch31Utc = Instant.parse("2026-03-31T23:30:00Z");
        assertEquals("2026-03", Periods.periodIdOf(lateMarch31Utc, UTC, Granularity.MONTH));
        // Berlin is on summer time (UTC+2) since 2026-03-29: already April 1st, 01:30
        assertEquals("2026-04", Periods.periodIdOf(lateMarch31Utc, BERLIN, Granularity.MONTH));
        assertEquals("2026-Q2", Periods.periodIdOf(lateMarch31Utc, BERLIN, Granularity.QUARTER));
        assertEquals("2026-Q1", Periods.periodIdOf(lateMarch31Utc, UTC, Granularity.QUARTER));

        Instant newYearUtc = Instant.parse("2026-01-01T03:00:00Z");
        // New York (UTC−5): still 2025-12-31 22:00
        assertEquals(CalendarPeriod.month(2025, 12), Periods.periodOf(newYearUtc, NEW_YORK, Granularity.MONTH));
        assertEquals(CalendarPeriod.quarter(2025, 4), Periods.periodOf(newYearUtc, NEW_YORK, Granularity.QUARTER));
        assertEquals(CalendarPeriod.year(2025), Periods.periodOf(newYearUtc, NEW_YORK, Granularity.YEAR));
        assertEquals(CalendarPeriod.year(2026), Periods.periodOf(newYearUtc, UTC, Granularity.YEAR));
        // Auckland (UTC+13 in January): 2025-12-31T11:30Z is already 2026-01-01 00:30
        assertEquals("2026", Periods.periodIdOf(Instant.parse("2025-12-31T11:30:00Z"), AUCKLAND, Granularity.YEAR));
    }

    @Test
    void startAndEndInstantsFollowTheZoneAndDaylightSaving() {
        // March 2026 in Berlin starts at CET (UTC+1) and ends at CEST (UTC+2)
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), Periods.startInstant("2026-03", BERLIN));
        assertEquals(Instant.parse("2026-03-31T22:00:00Z"), Periods.endInstant("2026-03", BERLIN));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), Periods.startInstant("2026-03", UTC));
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), Periods.endInstant("2026-03", UTC));
        assertEquals(Instant.parse("2026-01-01T05:00:00Z"), Periods.startInstant("2026-Q1", NEW_YORK));
        assertEquals(Instant.parse("2026-04-01T04:00:00Z"), Periods.endInstant("2026-Q1", NEW_YORK));
        // consecutive periods tile time: one ends where the next starts
        assertEquals(Periods.endInstant("2026-03", BERLIN), Periods.startInstant("2026-04", BERLIN));
    }

    @Test
    void containsIsStartInclusiveEndExclusive() {
        Instant start = Periods.startInstant("2026-03", BERLIN);
        Instant end = Periods.endInstant("2026-03", BERLIN);
        assertTrue(Periods.contains("2026-03", start, BERLIN));
        assertTrue(Periods.contains("2026-03", end.minusNanos(1), BERLIN));
        assertFalse(Periods.contains("2026-03", end, BERLIN));
        assertFalse(Periods.contains("2026-03", start.minusNanos(1), BERLIN));
        assertTrue(Periods.contains("2026-Q1", LocalDate.parse("2026-03-31")));
        assertFalse(Periods.contains("2026-Q1", LocalDate.parse("2026-04-01")));
        assertTrue(Periods.contains("2026", LocalDate.parse("2026-12-31")));
        // the same instant is in March in UTC but in April in Berlin
        Instant i = Instant.parse("2026-03-31T22:30:00Z");
        assertTrue(Periods.contains("2026-03", i, UTC));
        assertFalse(Periods.contains("2026-03", i, BERLIN));
        assertTrue(Periods.contains("2026-04", i, BERLIN));
    }

    @Test
    void granularityNamesAndEnclosingPeriods() {
        assertEquals(Granularity.MONTH, Granularity.of("month"));
        assertEquals(Granularity.QUARTER, Granularity.of("QUARTER"));
        assertEquals("year", Granularity.YEAR.code());
        assertThrows(IllegalArgumentException.class, () -> Granularity.of("week"));
        assertThrows(IllegalArgumentException.class, () -> Granularity.of(null));

        CalendarPeriod year = Periods.parse("2026");
        assertTrue(year.encloses(Periods.parse("2026-Q1")));
        assertTrue(year.encloses(Periods.parse("2026-12")));
        assertTrue(year.encloses(year));
        assertFalse(year.encloses(Periods.parse("2027-01")));
        assertTrue(Periods.parse("2026-Q1").encloses(Periods.parse("2026-03")));
        assertFalse(Periods.parse("2026-Q1").encloses(Periods.parse("2026-04")));
        assertFalse(Periods.parse("2026-03").encloses(Periods.parse("2026-Q1")));
        assertEquals(List.of(CalendarPeriod.month(2026, 4), CalendarPeriod.month(2026, 5), CalendarPeriod.month(2026, 6)),
                Periods.parse("2026-Q2").months());
        assertEquals(12, year.months().size());
        assertEquals(List.of(CalendarPeriod.month(2026, 3)), Periods.parse("2026-03").months());
    }

    @Test
    void periodsOrderChronologically() {
        assertTrue(Periods.parse("2025-12").compareTo(Periods.parse("2026-01")) < 0);
        assertTrue(Periods.parse("2026-Q2").compareTo(Periods.parse("2026-Q1")) > 0);
    }
}
