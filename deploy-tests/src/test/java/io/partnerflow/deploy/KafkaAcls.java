package io.partnerflow.deploy;

import io.partnerflow.contracts.EventType;
import io.partnerflow.contracts.Topics;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationScramSha512;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kafka permissions of Partnerflow as single grants {@code "<user> <topic|group>:<name> <Operation>"}:
 * {@link #expected} derives them from the event catalog ({@link EventType}: producer and consumers of every type),
 * the services' channels (direct producers, consumer groups) and the Connect/connector resources; {@link #granted}
 * reads what the KafkaUsers allow. The two sets must be equal: a missing grant breaks a service, an extra one is
 * more than it needs.
 */
final class KafkaAcls {
    private KafkaAcls() {
    }

    static String grant(String user, String type, String name, String operation) {
        return user + " " + type + ":" + name + " " + operation;
    }

    /** Topics a service consumes according to the event catalog. */
    static Set<String> consumedByCatalog(String service) {
        Set<String> out = new TreeSet<>();
        for (EventType t : EventType.values()) {
            if (t.consumers().contains(service)) {
                out.add(t.topic());
            }
        }
        return out;
    }

    /** Topics a service publishes according to the event catalog. */
    static Set<String> producedByCatalog(String service) {
        Set<String> out = new TreeSet<>();
        for (EventType t : EventType.values()) {
            if (service.equals(t.producer())) {
                out.add(t.topic());
            }
        }
        return out;
    }

    /** Topics a service writes itself: its outgoing Kafka channels (everything else goes through its outbox). */
    static Set<String> writtenDirectly(String service) {
        Set<String> out = new TreeSet<>();
        Repo.channels(service).stream().filter(c -> "outgoing".equals(c.direction())).forEach(c -> out.add(c.topic()));
        return out;
    }

    static Set<String> expected(Manifests m) {
        Set<String> out = new TreeSet<>();
        Set<String> viaOutbox = new TreeSet<>();
        for (String svc : Repo.services()) {
            Set<String> consumed = consumedByCatalog(svc);
            for (String topic : consumed) {
                out.add(grant(svc, "topic", topic, "Read"));
                out.add(grant(svc, "topic", topic, "Describe"));
                String dlq = Topics.deadLetter(topic, svc);
                out.add(grant(svc, "topic", dlq, "Write"));
                out.add(grant(svc, "topic", dlq, "Describe"));
            }
            Repo.channels(svc).stream().filter(c -> "incoming".equals(c.direction())).forEach(c -> {
                String group = Repo.serviceProperties(svc).getProperty("mp.messaging.incoming." + c.name() + ".group.id", svc).strip();
                out.add(grant(svc, "group", group, "Read"));
            });
            Set<String> direct = writtenDirectly(svc);
            for (String topic : direct) {
                out.add(grant(svc, "topic", topic, "Write"));
                out.add(grant(svc, "topic", topic, "Describe"));
            }
            for (String topic : producedByCatalog(svc)) {
                if (!direct.contains(topic)) {
                    viaOutbox.add(topic);
                }
            }
        }
        for (KafkaConnect connect : m.all(KafkaConnect.class)) {
            String user = connectUser(connect);
            for (String topic : viaOutbox) {
                out.add(grant(user, "topic", topic, "Write"));
                out.add(grant(user, "topic", topic, "Describe"));
            }
            for (KafkaConnector c : m.all(KafkaConnector.class)) {
                String heartbeat = "__debezium-heartbeat." + c.getSpec().getConfig().get("topic.prefix");
                out.add(grant(user, "topic", heartbeat, "Write"));
                out.add(grant(user, "topic", heartbeat, "Describe"));
            }
            for (String internal : List.of(connect.getSpec().getConfigStorageTopic(), connect.getSpec().getOffsetStorageTopic(),
                    connect.getSpec().getStatusStorageTopic())) {
                for (String op : List.of("Create", "Describe", "Read", "Write")) {
                    out.add(grant(user, "topic", internal, op));
                }
            }
            out.add(grant(user, "group", connect.getSpec().getGroupId(), "Read"));
        }
        return out;
    }

    static String connectUser(KafkaConnect connect) {
        return connect.getSpec().getAuthentication() instanceof KafkaClientAuthenticationScramSha512 scram ? scram.getUsername() : "<no SCRAM user>";
    }

    /** What the KafkaUsers allow; rules that cannot be expressed as plain literal allow-grants are errors. */
    static Set<String> granted(Manifests m, List<String> errors) {
        Set<String> out = new TreeSet<>();
        for (KafkaUser u : m.all(KafkaUser.class)) {
            String user = u.getMetadata().getName();
            if (!(u.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
                errors.add("KafkaUser " + user + ": authorization must be type simple (ACLs)");
                continue;
            }
            for (AclRule rule : simple.getAcls()) {
                String where = "KafkaUser " + user + " rule " + rule.getResource();
                if (rule.getType() != null && rule.getType() != AclRuleType.ALLOW) {
                    errors.add(where + ": only allow rules (nothing is allowed by default)");
                }
                if (rule.getHost() != null && !"*".equals(rule.getHost())) {
                    errors.add(where + ": host restrictions are meaningless behind pod networking");
                }
                if (rule.getOperation() != null) {
                    errors.add(where + ": 'operation' is gone from kafka.strimzi.io/v1, use 'operations'");
                }
                String type;
                String name;
                AclResourcePatternType pattern;
                if (rule.getResource() instanceof AclRuleTopicResource t) {
                    type = "topic";
                    name = t.getName();
                    pattern = t.getPatternType();
                } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                    type = "group";
                    name = g.getName();
                    pattern = g.getPatternType();
                } else {
                    errors.add(where + ": only topic and group resources are needed (no cluster, no transactionalId)");
                    continue;
                }
                if (pattern != null && pattern != AclResourcePatternType.LITERAL) {
                    errors.add(where + ": patternType must be literal (a prefix grants topics nobody reviewed)");
                }
                if ("*".equals(name)) {
                    errors.add(where + ": wildcard resource name");
                }
                for (AclOperation op : rule.getOperations() == null ? List.<AclOperation>of() : rule.getOperations()) {
                    out.add(grant(user, type, name, capitalised(op)));
                }
            }
        }
        return out;
    }

    private static String capitalised(AclOperation op) {
        return switch (op) {
            case READ -> "Read";
            case WRITE -> "Write";
            case CREATE -> "Create";
            case DESCRIBE -> "Describe";
            default -> op.toValue();
        };
    }

    /** Differences as readable lines: what is missing and what is granted on top. */
    static List<String> differences(Set<String> expected, Set<String> granted) {
        List<String> out = new java.util.ArrayList<>();
        for (String e : expected) {
            if (!granted.contains(e)) {
                out.add("missing grant: " + e);
            }
        }
        for (String g : granted) {
            if (!expected.contains(g)) {
                out.add("grant beyond the event catalog / channels: " + g);
            }
        }
        return out;
    }
}
