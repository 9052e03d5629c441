package io.partnerflow.contracts.analytics;

import io.partnerflow.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code partnerflow.challenge.completed.v1} on {@code analytics.events}, key = {@link #partnerId()}: a partner reached
 * the goal of a time-boxed challenge created by a channel manager. Published once per (challenge, partner): the event
 * id is name-based from challenge + partner. incentive-service pays {@link #award()} as one {@code challenge_award}
 * earning whose id is name-based from challenge + partner too.
 *
 * @param challengeId   the challenge (UUID)
 * @param challengeName its display name
 * @param partnerId     the partner who completed it
 * @param metric        the goal's metric: {@code deals-won}, {@code new-logo-deals} or {@code sourced-revenue}
 * @param target        the goal's target (a count, or an amount in {@link #unit()})
 * @param progress      what the partner had achieved when completion was detected (≥ target)
 * @param unit          {@code count}, or the base currency of a money metric
 * @param from          the challenge's first day (facts dated on or after it count)
 * @param to            the challenge's last day (facts dated on or before it count)
 * @param award         the prize, in the challenge's currency (converted to the payout currency by incentive-service)
 * @param completedAt   when analytics-service detected the completion
 */
public record ChallengeCompleted(
        String challengeId,
        String challengeName,
        String partnerId,
        String metric,
        String target,
        String progress,
        String unit,
        LocalDate from,
        LocalDate to,
        Money award,
        Instant completedAt) {
}
