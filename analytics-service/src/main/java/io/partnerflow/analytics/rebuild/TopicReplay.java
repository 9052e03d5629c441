package io.partnerflow.analytics.rebuild;

import io.partnerflow.platform.messaging.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads topics from their beginning up to the end offsets seen when it starts, with a plain Kafka consumer that has
 * NO group (partitions assigned, nothing committed — the service's consumer group is untouched), and hands each
 * poll's readable events, in offset order per partition, to {@code apply}. A record without a CloudEvents id/type or
 * data is counted as unreadable and skipped (the live consumer dead-lettered it when it first came).
 */
final class TopicReplay {
    record Progress(long events, long unreadable) {
    }

    private TopicReplay() {
    }

    static Progress run(String bootstrap, List<String> topics, int maxPollRecords, Duration timeout,
                        Consumer<List<EventEnvelope>> apply) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-service-rebuild");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long events = 0;
            long unreadable = 0;
            while (!done(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("rebuild: topics not read to their end within " + timeout);
                }
                ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(500));
                List<EventEnvelope> batch = new ArrayList<>(polled.count());
                for (ConsumerRecord<String, String> r : polled) {
                    Long stop = end.get(new TopicPartition(r.topic(), r.partition()));
                    if (stop == null || r.offset() >= stop) {
                        continue; // arrived after the rebuild started: the live consumer applies it afterwards
                    }
                    EventEnvelope e = envelope(r);
                    if (e == null) {
                        unreadable++;
                    } else {
                        batch.add(e);
                    }
                }
                if (!batch.isEmpty()) {
                    apply.accept(batch);
                    events += batch.size();
                }
            }
            return new Progress(events, unreadable);
        }
    }

    private static boolean done(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** As {@code EventEnvelope.from} for a live record; null where that one would call the record poison. */
    static EventEnvelope envelope(ConsumerRecord<String, String> r) {
        String id = header(r, "ce_id");
        String type = header(r, "ce_type");
        if (id == null || id.isBlank() || type == null || type.isBlank() || r.value() == null || r.value().isBlank()) {
            return null;
        }
        Instant time;
        try {
            String t = header(r, "ce_time");
            time = t == null ? null : Instant.parse(t);
        } catch (RuntimeException e) {
            return null;
        }
        return new EventEnvelope(id, type, header(r, "ce_source"), time, header(r, "ce_subject"), r.topic(),
                r.partition(), r.offset(), r.key(), r.value(), header(r, "traceparent"), header(r, "tracestate"));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header last = r.headers().lastHeader(name);
        return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
