package io.partnerflow.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.portal.auth.User;
import io.partnerflow.portal.client.ServiceError;
import io.partnerflow.portal.view.NextTier;
import io.quarkus.qute.TemplateData;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A partner's standing in the program, for its dashboard: tier and what is missing to the next one (partner-service),
 * badges, running challenges with its own progress and its rank this quarter (analytics-service). Each part is read
 * with the user's token and fails on its own: a service that does not answer leaves a message in its place, not an
 * error page.
 */
@TemplateData
public record Standing(String tierName, NextTier next, List<JsonNode> badges, List<ChallengeProgress> challenges,
                       JsonNode rank, String period, List<String> unavailable) {

    @TemplateData
    public record ChallengeProgress(String name, String from, String to, String goal, String achieved, String percent,
                                    boolean completed) {
    }

    static Standing load(Pages pages, User u, String partnerId) {
        List<String> unavailable = new ArrayList<>();
        JsonNode tier = soft(unavailable, "tier", () -> pages.services.get("partner", "/partners/" + partnerId + "/tier", u.token()));
        NextTier next = null;
        if (tier != null && tier.path("tier").isObject()) {
            JsonNode ladder = soft(unavailable, "tier ladder", () -> pages.services.get("partner", "/tier-ladder", u.token()));
            JsonNode metrics = soft(unavailable, "tier metrics",
                    () -> pages.services.get("partner", "/partners/" + partnerId + "/tier-metrics", u.token()));
            if (ladder != null && metrics != null) {
                next = NextTier.of(ladder, tier.path("tier").path("rank").asInt(), metrics).orElse(null);
            }
        }
        JsonNode badgeList = soft(unavailable, "badges", () -> pages.services.get("analytics", "/badges/" + partnerId, u.token()));
        List<JsonNode> badges = new ArrayList<>();
        if (badgeList != null) {
            badgeList.forEach(badges::add);
        }
        List<ChallengeProgress> challenges = challenges(pages, u, unavailable);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String period = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        JsonNode board = soft(unavailable, "leaderboard",
                () -> pages.services.get("analytics", "/leaderboards/sourced-revenue?period=" + period + "&limit=1", u.token()));
        JsonNode rank = board == null || board.path("you").isNull() || board.path("you").isMissingNode() ? null : board.path("you");
        String tierName = tier == null ? null : tier.path("tier").path("name").asText(null);
        return new Standing(tierName, next, badges, challenges, rank, period, unavailable);
    }

    private static List<ChallengeProgress> challenges(Pages pages, User u, List<String> unavailable) {
        List<ChallengeProgress> out = new ArrayList<>();
        JsonNode all = soft(unavailable, "challenges", () -> pages.services.get("analytics", "/challenges", u.token()));
        if (all == null) {
            return out;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (JsonNode c : all) {
            if (LocalDate.parse(c.path("to").asText()).isBefore(today.minusDays(90))) {
                continue; // long over: not on the dashboard
            }
            JsonNode progress = soft(unavailable, "challenge progress",
                    () -> pages.services.get("analytics", "/challenges/" + c.path("challengeId").asText() + "/progress", u.token()));
            JsonNode mine = progress == null || progress.path("partners").isEmpty() ? null : progress.path("partners").get(0);
            String goal = c.path("goal").path("target").asText() + " " + c.path("goal").path("unit").asText() + " ("
                    + c.path("goal").path("metric").asText() + ")";
            out.add(new ChallengeProgress(c.path("name").asText(), c.path("from").asText(), c.path("to").asText(), goal,
                    mine == null ? "0" : mine.path("achieved").asText("0"),
                    mine == null ? "0" : mine.path("percent").asText("0"), mine != null && mine.path("completed").asBoolean()));
        }
        return out;
    }

    private static JsonNode soft(List<String> unavailable, String what, Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (ServiceError e) {
            if (e.status() == 401) {
                throw e;
            }
            unavailable.add(e.status() >= 500 ? what + " (" + e.service() + "-service is not answering)" : what + ": " + e.detail());
            return null;
        }
    }
}
