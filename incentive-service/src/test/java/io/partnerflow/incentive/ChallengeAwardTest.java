package io.partnerflow.incentive;

import io.partnerflow.contracts.EventJson;
import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.analytics.ChallengeCompleted;
import io.partnerflow.contracts.incentive.EarningAccrued;
import io.partnerflow.core.ids.NameBasedIds;
import io.partnerflow.core.money.Money;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static io.partnerflow.incentive.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** analytics.events challenge.completed → exactly one challenge_award earning, whatever the redeliveries. */
@QuarkusTest
class ChallengeAwardTest {

    @Test
    void aChallengeCompletedDeliveredTwiceBecomesExactlyOneAwardEarningInThePayoutCurrency() {
        String p = id();
        registerPartner(p, "reseller", "GB", "GBP", "registered");
        awaitPartner(p);
        fxRate("EUR", "GBP", "2053-01-03", "0.8500");
        String challenge = id();
        ChallengeCompleted done = new ChallengeCompleted(challenge, "2 deals in Q1 2053", p, "deals-won", "2", "2", "count",
                LocalDate.of(2053, 1, 1), LocalDate.of(2053, 3, 31), Money.of("250.00", "EUR"), Instant.parse("2053-02-10T09:00:00Z"));
        String eventId = id();
        send(EventType.CHALLENGE_COMPLETED.topic(), p, EventType.CHALLENGE_COMPLETED, done, eventId);
        send(EventType.CHALLENGE_COMPLETED.topic(), p, EventType.CHALLENGE_COMPLETED, done, eventId); // redelivery
        send(EventType.CHALLENGE_COMPLETED.topic(), p, EventType.CHALLENGE_COMPLETED, done, id());    // re-published anew

        EarningAccrued e = EventJson.readString(earnings(p, ACCRUED, 1).get(0).value(), EarningAccrued.class);
        assertEquals("challenge_award", e.kind());
        assertEquals(Money.of("212.50", "GBP"), e.amount()); // 250.00 EUR x 0.85
        assertEquals(Money.of("250.00", "EUR"), e.originalAmount());
        assertEquals("challenge", e.source().kind());
        assertEquals(challenge, e.source().challengeId());
        assertEquals(NameBasedIds.of("incentive.challenge_award", challenge, p).toString(), e.earningId());
        assertEquals(challenge, e.rule().ruleId());
        assertEquals("2053-02", e.bookingPeriod());
        assertEquals(1, settledCount(p, 1));
        assertEquals(1, count("select count(*) from earning where partner_id = ? and kind = 'challenge_award'", p));
    }
}
