package io.partnerflow.infra;

/** The Kafka broker of a local run: inside the launcher's JVM ({@link KafkaServer}) or its own process ({@link KafkaProcess}). */
interface KafkaBroker extends AutoCloseable {
    String bootstrapServers();

    @Override
    void close();
}
