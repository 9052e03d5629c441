package io.partnerflow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.partnerflow.contracts.Services;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationScramSha512;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secured Kafka cluster (issue #20): TLS + SCRAM-SHA-512 on every listener, the simple authorizer, one KafkaUser
 * per service and one for Kafka Connect whose ACLs are EXACTLY what the event catalog and the services' channels need,
 * and every client configured for it (bootstrap port, SASL_SSL, its own user's JAAS line, the cluster CA).
 */
class KafkaSecurityTest {
    final List<String> errors = new ArrayList<>();

    private void check(boolean ok, String message) {
        if (!ok) {
            errors.add(message);
        }
    }

    private static Manifests render(String overlay) {
        return new Manifests(Kustomize.render(Repo.path("deploy/kubernetes/overlays/" + overlay)));
    }

    private void failOnErrors(String what) {
        if (!errors.isEmpty()) {
            fail(what + " has " + errors.size() + " problem(s):\n  - " + String.join("\n  - ", errors));
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void aclsGrantExactlyTheProduceAndConsumePairsOfTheEventCatalog(String overlay) {
        Manifests m = render(overlay);
        errors.addAll(m.errors);
        Set<String> granted = KafkaAcls.granted(m, errors);
        errors.addAll(KafkaAcls.differences(KafkaAcls.expected(m), granted));
        failOnErrors("deploy/kubernetes/overlays/" + overlay + " Kafka ACLs");
    }

    /** The check itself: a removed grant and an added one are both reported (so a green run means something). */
    @Test
    void aMissingAndAnExtraGrantAreBothReported() {
        List<ObjectNode> raw = Kustomize.render(Repo.path("deploy/kubernetes/overlays/dev"));
        ObjectNode deal = raw.stream().filter(r -> "KafkaUser".equals(r.path("kind").asText()) && "deal-service".equals(Kustomize.name(r)))
                .findFirst().orElseThrow();
        ArrayNode acls = (ArrayNode) deal.path("spec").path("authorization").path("acls");
        acls.remove(0); // deal-service may no longer read what it consumes first
        ObjectNode extra = acls.addObject();
        extra.putObject("resource").put("type", "topic").put("name", "payout.events").put("patternType", "literal");
        extra.putArray("operations").add("Read");
        Manifests m = new Manifests(raw);
        List<String> problems = KafkaAcls.differences(KafkaAcls.expected(m), KafkaAcls.granted(m, new ArrayList<>()));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("missing grant: deal-service topic:")), problems.toString());
        assertTrue(problems.contains("grant beyond the event catalog / channels: deal-service topic:payout.events Read"), problems.toString());
        assertEquals(2, problems.size(), problems.toString());
    }

    /** The ACLs follow the catalog; the code must not consume or write directly anything the catalog does not list. */
    @Test
    void theServicesChannelsStayInsideTheEventCatalog() {
        for (String svc : Repo.services()) {
            Set<String> consumed = KafkaAcls.consumedByCatalog(svc);
            Set<String> produced = KafkaAcls.producedByCatalog(svc);
            for (Repo.Channel ch : Repo.channels(svc)) {
                if ("incoming".equals(ch.direction())) {
                    check(consumed.contains(ch.topic()), svc + " consumes " + ch.topic() + " (channel " + ch.name()
                            + ") but the event catalog (EventType) lists no type of that topic it consumes: its ACL would refuse it");
                } else {
                    check(produced.contains(ch.topic()), svc + " writes " + ch.topic() + " (channel " + ch.name()
                            + ") but the event catalog names another producer");
                }
            }
        }
        check(Services.ALL.containsAll(Repo.services()) && Repo.services().containsAll(Services.ALL),
                "contracts Services.ALL " + Services.ALL + " != the *-service modules " + Repo.services());
        failOnErrors("the services' channels");
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyClientTalksTlsAndScramAsItsOwnUser(String overlay) {
        Manifests m = render(overlay);
        errors.addAll(m.errors);
        if (errors.isEmpty()) {
            Kafka kafka = m.all(Kafka.class).get(0);
            checkBroker(kafka);
            if (errors.isEmpty()) {
                Map<String, KafkaUser> users = new LinkedHashMap<>();
                m.all(KafkaUser.class).forEach(u -> users.put(u.getMetadata().getName(), u));
                for (KafkaUser u : users.values()) {
                    check(u.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication,
                            "KafkaUser " + u.getMetadata().getName() + ": authentication must be scram-sha-512 (the listener's)");
                    check(kafka.getMetadata().getName().equals(u.getMetadata().getLabels().get("strimzi.io/cluster")),
                            "KafkaUser " + u.getMetadata().getName() + ": not labelled strimzi.io/cluster=" + kafka.getMetadata().getName());
                }
                for (String svc : Repo.services()) {
                    check(users.containsKey(svc), "no KafkaUser " + svc);
                    checkServiceClient(m, kafka, svc);
                }
                checkConnectClient(m, kafka, users);
            }
        }
        failOnErrors("deploy/kubernetes/overlays/" + overlay + " Kafka client security");
    }

    private void checkBroker(Kafka kafka) {
        check(kafka.getSpec().getKafka().getAuthorization() instanceof KafkaAuthorizationSimple,
                "Kafka: authorization must be type simple (ACLs of the KafkaUsers)");
        check(!kafka.getSpec().getKafka().getListeners().isEmpty(), "Kafka: no listener");
        for (GenericKafkaListener l : kafka.getSpec().getKafka().getListeners()) {
            check(l.isTls(), "Kafka listener " + l.getName() + ": tls must be true (no plain-text listener)");
            check(l.getAuth() instanceof KafkaListenerAuthenticationScramSha512,
                    "Kafka listener " + l.getName() + ": authentication must be scram-sha-512 (no anonymous client)");
        }
    }

    private void checkServiceClient(Manifests m, Kafka kafka, String svc) {
        Deployment d = m.one(Deployment.class, svc);
        if (d == null) {
            errors.add("no Deployment " + svc);
            return;
        }
        String where = "Deployment " + svc;
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        c.getEnvFrom().stream().filter(f -> f.getConfigMapRef() != null).forEach(f -> {
            ConfigMap cm = m.one(ConfigMap.class, f.getConfigMapRef().getName());
            if (cm != null) {
                env.putAll(cm.getData());
            }
        });
        c.getEnv().forEach(e -> env.put(e.getName(), e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                ? "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey() : e.getValue()));
        String cluster = kafka.getMetadata().getName();
        check((cluster + "-kafka-bootstrap:" + DeployManifestsTest.clientPort(kafka)).equals(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                where + ": KAFKA_BOOTSTRAP_SERVERS must be the TLS+SCRAM listener");
        check("SASL_SSL".equals(env.get("KAFKA_SECURITY_PROTOCOL")), where + ": KAFKA_SECURITY_PROTOCOL must be SASL_SSL");
        check("SCRAM-SHA-512".equals(env.get("KAFKA_SASL_MECHANISM")), where + ": KAFKA_SASL_MECHANISM must be SCRAM-SHA-512");
        check(("secret:" + svc + "/sasl.jaas.config").equals(env.get("KAFKA_SASL_JAAS_CONFIG")),
                where + ": KAFKA_SASL_JAAS_CONFIG must come from its own KafkaUser's Secret " + svc + " key sasl.jaas.config, is " + env.get("KAFKA_SASL_JAAS_CONFIG"));
        check("PEM".equals(env.get("KAFKA_SSL_TRUSTSTORE_TYPE")), where + ": KAFKA_SSL_TRUSTSTORE_TYPE must be PEM (the CA certificate file)");
        String truststore = env.getOrDefault("KAFKA_SSL_TRUSTSTORE_LOCATION", "");
        boolean trusted = false;
        for (var vm : c.getVolumeMounts()) {
            if (truststore.equals(vm.getMountPath() + "/ca.crt")) {
                for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
                    trusted |= v.getName().equals(vm.getName()) && v.getSecret() != null
                            && (cluster + "-cluster-ca-cert").equals(v.getSecret().getSecretName())
                            && (v.getSecret().getItems() == null || v.getSecret().getItems().isEmpty()
                                || v.getSecret().getItems().stream().anyMatch(i -> "ca.crt".equals(i.getKey()) && "ca.crt".equals(i.getPath())));
                }
            }
        }
        check(trusted, where + ": KAFKA_SSL_TRUSTSTORE_LOCATION " + truststore + " is not ca.crt of Secret " + cluster + "-cluster-ca-cert mounted");
    }

    private void checkConnectClient(Manifests m, Kafka kafka, Map<String, KafkaUser> users) {
        for (KafkaConnect k : m.all(KafkaConnect.class)) {
            String where = "KafkaConnect " + k.getMetadata().getName();
            String cluster = kafka.getMetadata().getName();
            check(k.getSpec().getTls() != null && k.getSpec().getTls().getTrustedCertificates().stream()
                            .anyMatch(t -> (cluster + "-cluster-ca-cert").equals(t.getSecretName()) && "ca.crt".equals(t.getCertificate())),
                    where + ": tls.trustedCertificates must hold ca.crt of " + cluster + "-cluster-ca-cert");
            if (k.getSpec().getAuthentication() instanceof KafkaClientAuthenticationScramSha512 scram) {
                check(users.containsKey(scram.getUsername()), where + ": user " + scram.getUsername() + " is no KafkaUser");
                check(scram.getUsername().equals(scram.getPasswordSecret().getSecretName()) && "password".equals(scram.getPasswordSecret().getPassword()),
                        where + ": the password must be key 'password' of the User Operator's Secret " + scram.getUsername());
                check(!Repo.services().contains(scram.getUsername()), where + ": Connect must not share a service's user");
            } else {
                errors.add(where + ": authentication must be scram-sha-512");
            }
        }
    }
}
