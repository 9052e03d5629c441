package io.partnerflow.infra.demo;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the platform's topics from the beginning (no consumer group: it only observes) and counts events by
 * CloudEvents type ({@code ce_type} without the {@code partnerflow.} prefix and version suffix), for the demo's
 * progress line and its waits.
 */
final class EventCounter implements AutoCloseable {
    static final List<String> TOPICS = List.of("deal.events", "attribution.events", "incentive.earnings", "payout.events",
            "partner.events", "reference.events");

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    EventCounter(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p);
        thread = new Thread(this::loop, "demo-event-counter");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        List<TopicPartition> assigned = new ArrayList<>();
        long lastRefresh = 0;
        try {
            while (running) {
                if (System.currentTimeMillis() - lastRefresh > 2000) {
                    lastRefresh = System.currentTimeMillis();
                    List<TopicPartition> all = new ArrayList<>();
                    for (String t : TOPICS) {
                        try {
                            var infos = consumer.partitionsFor(t, Duration.ofSeconds(2));
                            if (infos != null) {
                                infos.forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
                            }
                        } catch (RuntimeException notYet) {
                            // topic not created yet
                        }
                    }
                    if (!all.equals(assigned) && all.size() > assigned.size()) {
                        List<TopicPartition> added = all.stream().filter(tp -> !assigned.contains(tp)).toList();
                        assigned.clear();
                        assigned.addAll(all);
                        consumer.assign(assigned);
                        consumer.seekToBeginning(added);
                    }
                }
                if (assigned.isEmpty()) {
                    DemoClient.sleep(200);
                    continue;
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    Header h = r.headers().lastHeader("ce_type");
                    if (h != null) {
                        counts.computeIfAbsent(shortType(new String(h.value(), StandardCharsets.UTF_8)), k -> new AtomicLong())
                                .incrementAndGet();
                    }
                }
            }
        } catch (WakeupException ignored) {
            // closing
        } finally {
            consumer.close();
        }
    }

    static String shortType(String ceType) {
        String s = ceType.startsWith("partnerflow.") ? ceType.substring("partnerflow.".length()) : ceType;
        return s.replaceAll("\\.v\\d+$", "");
    }

    long count(String type) {
        AtomicLong c = counts.get(type);
        return c == null ? 0 : c.get();
    }

    long countPrefix(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().get()).sum();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
