package io.partnerflow.deal.domain.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One source's secrets during a rotation: the current ones are always accepted; the previous ones until
 * {@code rotatedAt + grace} (and never when no rotation time is given). Key ids: {@code <source>#<n>} for the current
 * secrets, {@code <source>#previous-<n>} for the previous ones.
 */
public record SecretRotation(String source, List<String> current, List<String> previous, Instant rotatedAt,
                             Duration grace) {
    public SecretRotation {
        current = current == null ? List.of() : List.copyOf(current);
        previous = previous == null ? List.of() : List.copyOf(previous);
    }

    /** When the previous secrets stop being accepted; null when there is no rotation time (never accepted). */
    public Instant previousExpireAt() {
        return rotatedAt == null || grace == null ? null : rotatedAt.plus(grace);
    }

    public boolean previousAccepted(Instant now) {
        Instant end = previousExpireAt();
        return end != null && now.isBefore(end);
    }

    /** The secrets accepted at {@code now}. */
    public List<StandardWebhooks.Secret> accepted(Instant now) {
        List<StandardWebhooks.Secret> out = new ArrayList<>(named(current, ""));
        if (previousAccepted(now)) {
            out.addAll(named(previous, "previous-"));
        }
        return out;
    }

    /** The previous secrets no longer accepted at {@code now} (to say why a delivery signed with one is refused). */
    public List<StandardWebhooks.Secret> retired(Instant now) {
        return previousAccepted(now) ? List.of() : named(previous, "previous-");
    }

    private List<StandardWebhooks.Secret> named(List<String> secrets, String prefix) {
        List<StandardWebhooks.Secret> out = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            out.add(new StandardWebhooks.Secret(source + "#" + prefix + (i + 1), secrets.get(i)));
        }
        return out;
    }
}
