package io.partnerflow.contracts;

import io.partnerflow.contracts.reference.FxRatePublished;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractValidatorTest {

    @Test
    void unknownTypeAndUnparseableJsonAreViolations() {
        assertEquals(List.of("unknown event type: partnerflow.nope.v1"),
                ContractValidator.validate("partnerflow.nope.v1", "{}"));
        List<String> errors = ContractValidator.validate("partnerflow.fx.rate-published.v1", "{\"from\":");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("not JSON"), errors.toString());
        assertEquals(List.of("no data"), ContractValidator.validate(EventType.FX_RATE_PUBLISHED, (String) null));
    }

    @Test
    void errorsNameTheFieldAndTheRule() {
        List<String> errors = ContractValidator.validate("partnerflow.fx.rate-published.v1", """
                {"from":"EUR","to":"usd","date":"2025-06-27","rate":1.0842,"source":"ecb","publishedAt":"2025-06-27T16:05:00Z"}""");
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("/rate")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("/to")), errors.toString());
    }

    @Test
    void requireValidThrowsWithTheErrors() {
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> ContractValidator.requireValid("partnerflow.fx.rate-published.v1", "{}"));
        assertEquals("partnerflow.fx.rate-published.v1", e.type());
        assertEquals(6, e.errors().size(), e.errors().toString());
        ContractValidator.requireValid(EventType.FX_RATE_PUBLISHED, Resources.sample(EventType.FX_RATE_PUBLISHED));
    }

    @Test
    void validatesRecordsAsTheyWouldBePublished() {
        FxRatePublished ok = new FxRatePublished("EUR", "USD", LocalDate.of(2025, 6, 27), new BigDecimal("1.0842"), "ecb",
                Instant.parse("2025-06-27T16:05:00Z"), "system");
        assertEquals(List.of(), ContractValidator.validateData(ok));
        FxRatePublished negative = new FxRatePublished("EUR", "USD", LocalDate.of(2025, 6, 27), new BigDecimal("-1.0842"),
                "ecb", Instant.parse("2025-06-27T16:05:00Z"), "system");
        assertFalse(ContractValidator.validateData(negative).isEmpty(), "a rate is positive");
    }

    @Test
    void activityRewardsNameTheirActivity() throws Exception {
        var accrued = Resources.sampleTree(EventType.EARNING_ACCRUED);
        accrued.put("kind", "activity_reward");
        var source = EventJson.mapper().createObjectNode();
        source.put("kind", "activity");
        source.put("activityId", "go-live-2025-06-acme");
        accrued.set("source", source);
        assertEquals(List.of(), ContractValidator.validate(EventType.EARNING_ACCRUED, accrued.toString()));
        io.partnerflow.contracts.incentive.EarningAccrued read = EventJson.read(accrued.toString(),
                io.partnerflow.contracts.incentive.EarningAccrued.class);
        assertEquals("go-live-2025-06-acme", read.source().activityId());
        source.remove("activityId");
        assertFalse(ContractValidator.validate(EventType.EARNING_ACCRUED, accrued.toString()).isEmpty(),
                "an activity source names the activity");
    }

    @Test
    void challengeAwardsNameTheirChallenge() throws Exception {
        var accrued = Resources.sampleTree(EventType.EARNING_ACCRUED);
        accrued.put("kind", "challenge_award");
        var source = EventJson.mapper().createObjectNode();
        source.put("kind", "challenge");
        source.put("challengeId", "5b0f3c1e-7d2a-4e8b-9c61-2f4a8d0e7b13");
        accrued.set("source", source);
        assertEquals(List.of(), ContractValidator.validate(EventType.EARNING_ACCRUED, accrued.toString()));
        io.partnerflow.contracts.incentive.EarningAccrued read = EventJson.read(accrued.toString(),
                io.partnerflow.contracts.incentive.EarningAccrued.class);
        assertEquals("5b0f3c1e-7d2a-4e8b-9c61-2f4a8d0e7b13", read.source().challengeId());
        source.remove("challengeId");
        assertFalse(ContractValidator.validate(EventType.EARNING_ACCRUED, accrued.toString()).isEmpty(),
                "a challenge source names the challenge");
    }
}
