package io.partnerflow.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A consumer chunk's events cut into runs, in offset order (issue #16): consecutive events that {@code together}
 * accepts form one run — applied at once with multi-row statements — and every other event is a run of its own,
 * applied in its place, so an event of a key still sees what the earlier events of that key did.
 */
public final class EventRuns {
    private EventRuns() {
    }

    public static List<List<EventEnvelope>> cut(List<EventEnvelope> events, Predicate<EventEnvelope> together) {
        List<List<EventEnvelope>> out = new ArrayList<>();
        List<EventEnvelope> current = null;
        for (EventEnvelope e : events) {
            if (together.test(e)) {
                if (current == null) {
                    current = new ArrayList<>();
                    out.add(current);
                }
                current.add(e);
            } else {
                current = null;
                out.add(List.of(e));
            }
        }
        return out;
    }
}
