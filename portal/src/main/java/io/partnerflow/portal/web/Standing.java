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
 * with the user's token, all at once ({@link Parallel}), and fails on its own: a service that does not answer leaves a message in its place, not an
 * error page.
 */
@TemplateData
public record Standing(String tierName, NextTier next, List<JsonNode> badges, List<ChallengeProgress> challenges,
                       JsonNode rank, String period, List<String> unavailable) {

    @TemplateData
    public record ChallengeProgress(String name, String from, String to, String goal, String achieved, String percent,
                                    boolean completed) {
    }

    /** The rank shown: won deals this quarter (a count: no FX rate needed, unlike the revenue boards). */
    static final String RANKED_BY = "deals-won";

    static Standing load(Pages pages, User u, String partnerId) {
        List<String> unavailable = new java.util.concurrent.CopyOnWriteArrayList<>();
        var tierCall = Parallel.async(() -> soft(unavailable, "tier", () -> pages.services.get("partner", "/partners/" + partnerId + "/tier", u.token())));
        var ladderCall = Parallel.async(() -> soft(unavailable, "tier ladder", () -> pages.services.get("partner", "/tier-ladder", u.token())));
        var metricsCall = Parallel.async(() -> soft(unavailable, "tier metrics",
                () -> pages.services.get("partner", "/partners/" + partnerId + "/tier-metrics", u.token())));
        var badgesCall = Parallel.async(() -> soft(unavailable, "badges", () -> pages.services.get("analytics", "/badges/" + partnerId, u.token())));
        var challengesCall = Parallel.async(() -> challenges(pages, u, unavailable));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String period = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        var boardCall = Parallel.async(() -> soft(unavailable, "leaderboard",
                () -> pages.services.get("analytics", "/leaderboards/" + RANKED_BY + "?period=" + period + "&limit=1", u.token())));
        JsonNode tier = Parallel.join(tierCall);
        JsonNode ladder = Parallel.join(ladderCall);
        JsonNode metrics = Parallel.join(metricsCall);
        NextTier next = null;
        if (tier != null && tier.path("tier").isObject() && ladder != null && metrics != null) {
            next = NextTier.of(ladder, tier.path("tier").path("rank").asInt(), metrics).orElse(null);
        }
        JsonNode badgeList = Parallel.join(badgesCall);
        List<JsonNode> badges = new ArrayList<>();
        if (badgeList != null) {
            badgeList.forEach(badges::add);
        }
        List<ChallengeProgress> challenges = Parallel.join(challengesCall);
        JsonNode board = Parallel.join(boardCall);
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
