package io.partnerflow.infra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How busy each service's consumers were over a step, from their own meters on {@code /q/metrics}: the platform's
 * {@code partnerflow.events.batch} timer (wall time of a poll, parse to acknowledgement) and its
 * {@code partnerflow.events.batch.size} summary. A consumer busy ≈ 100 % of the step is the pipeline's bottleneck
 * whatever its CPU: it can only fall behind (a channel has one consumer; its polls run one after the other).
 */
final class ConsumerBusy {
    private static final Pattern LINE = Pattern.compile(
            "^(partnerflow_events_batch_seconds|partnerflow_events_batch_size)_(sum|count)\\{([^}]*)} ([0-9.eE+-]+)$");
    private static final Pattern TOPIC = Pattern.compile("(?:channel_topic|topic)=\"([^\"]*)\"");

    /** Per "service topic": {polls, wall seconds, records}. */
    record Sample(Map<String, double[]> byConsumer) {
    }

    private ConsumerBusy() {
    }

    static Sample sample(HttpClient http, Map<String, String> urls) {
        Map<String, double[]> out = new TreeMap<>();
        urls.forEach((service, url) -> {
            try {
                String text = http.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                parse(service, text, out);
            } catch (Exception e) {
                // a service that does not answer is left out of this sample
            }
        });
        return new Sample(out);
    }

    static void parse(String service, String metrics, Map<String, double[]> into) {
        for (String line : metrics.split("\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Matcher t = TOPIC.matcher(m.group(3));
            if (!t.find()) {
                continue;
            }
            double[] v = into.computeIfAbsent(service + " " + t.group(1), k -> new double[3]);
            double value = Double.parseDouble(m.group(4));
            boolean size = m.group(1).endsWith("size");
            if (!size && m.group(2).equals("count")) {
                v[0] = value;
            } else if (!size) {
                v[1] = value;
            } else if (m.group(2).equals("sum")) {
                v[2] = value;
            }
        }
    }

    /** "  consumers busy: …" — the consumers that polled anything between the samples, busiest first. */
    static String report(Sample before, Sample after, double seconds) {
        StringBuilder out = new StringBuilder("  consumers busy (share of the step's wall time; polls, mean records, mean ms):");
        after.byConsumer().entrySet().stream()
                .map(e -> {
                    double[] b = before.byConsumer().getOrDefault(e.getKey(), new double[3]);
                    double[] a = e.getValue();
                    return Map.entry(e.getKey(), new double[]{a[0] - b[0], a[1] - b[1], a[2] - b[2]});
                })
                .filter(e -> e.getValue()[0] > 0 && e.getValue()[2] > 0)
                .sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1]))
                .forEach(e -> {
                    double[] d = e.getValue();
                    out.append(String.format("%n    %-45s %3.0f %%  %5.0f polls  %6.1f records  %7.1f ms", e.getKey(),
                            100 * d[1] / Math.max(0.001, seconds), d[0], d[2] / d[0], 1000 * d[1] / d[0]));
                });
        return out.append('\n').toString();
    }
}
