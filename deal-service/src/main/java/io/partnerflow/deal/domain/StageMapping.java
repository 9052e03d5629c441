package io.partnerflow.deal.domain;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps a CRM stage name to {@link Stage}: names listed as won or lost (compared case-insensitively, ignoring
 * spaces, dashes and underscores: "Closed Won" = "closedwon" = "closed_won") are closed; every other stage is
 * open.
 */
public record StageMapping(Set<String> won, Set<String> lost) {
    public StageMapping {
        won = won.stream().map(StageMapping::key).collect(Collectors.toUnmodifiableSet());
        lost = lost.stream().map(StageMapping::key).collect(Collectors.toUnmodifiableSet());
    }

    public static StageMapping defaults() {
        return new StageMapping(Set.of("closed_won", "won"), Set.of("closed_lost", "lost"));
    }

    public Stage map(String crmStage) {
        if (crmStage == null || crmStage.isBlank()) {
            throw InvalidCrmDataException.of("stage", "stage is missing");
        }
        String k = key(crmStage);
        if (won.contains(k)) {
            return Stage.CLOSED_WON;
        }
        if (lost.contains(k)) {
            return Stage.CLOSED_LOST;
        }
        return Stage.OPEN;
    }

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s_\\-]+");

    static String key(String s) {
        return SEPARATORS.matcher(s.trim().toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
