package io.partnerflow.incentive.domain.calc;

import io.partnerflow.incentive.domain.RuleKind;
import io.partnerflow.incentive.domain.RuleSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which program versions, over which close-date ranges, a backdated tier change recalculates. */
class TierBackdateTest {
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    static Instant t(String d) {
        return Instant.parse(d + "T00:00:00Z");
    }

    static ActiveProgram program(UUID id, String code, int version, String from, String to, String tier) {
        RuleSpec spec = new RuleSpec("c", "Commission", RuleKind.COMMISSION, null,
                new RuleSpec.Commission(List.of(new RuleSpec.Rate(tier, "*", new BigDecimal("0.10"), null))),
                null, null, null, null, null, null, null, null, null);
        return new ActiveProgram(id, code, code, 0, null, version, t(from), to == null ? null : t(to),
                List.of(new ActiveRule(UUID.randomUUID(), 1, spec)));
    }

    @Test
    void onlyTierDependentProgramsAndEachVersionOverTheRangeItIsInForce() {
        ActiveProgram v1 = program(A, "a", 1, "2026-01-01", null, "gold");
        ActiveProgram v2 = program(A, "a", 2, "2026-05-01", "2027-01-01", "gold");
        ActiveProgram flat = program(B, "b", 1, "2026-01-01", null, "*");
        assertTrue(TierBackdate.tierDependent(v1));
        assertFalse(TierBackdate.tierDependent(flat));

        List<TierBackdate.Segment> s = TierBackdate.segments(List.of(v2, flat, v1), t("2026-03-01"), t("2026-12-04"));
        assertEquals(List.of(new TierBackdate.Segment(v1, t("2026-03-01"), t("2026-05-01")),
                new TierBackdate.Segment(v2, t("2026-05-01"), t("2027-01-01"))), s);
    }

    @Test
    void aVersionEndedBeforeTheChangeOrSupersededOnTheSameDayIsNotRecalculated() {
        ActiveProgram old = program(A, "a", 1, "2025-01-01", "2026-01-01", "gold");
        ActiveProgram same1 = program(B, "b", 1, "2026-02-01", null, "gold");
        ActiveProgram same2 = program(B, "b", 2, "2026-02-01", null, "silver");
        List<TierBackdate.Segment> s = TierBackdate.segments(List.of(old, same1, same2), t("2026-03-01"), t("2026-12-04"));
        assertEquals(List.of(new TierBackdate.Segment(same2, t("2026-03-01"), t("2026-12-04"))), s);
    }
}
