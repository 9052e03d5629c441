package io.partnerflow.deploy;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.partnerflow.contracts.Topics;
import io.strimzi.api.kafka.model.common.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.TgzArtifact;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validates deploy/kubernetes offline, per overlay, on what kustomize renders (Kustomize.java): every
 * manifest parses into its model with no unknown field, and the manifests agree with the code — services,
 * images, ports, configuration keys, topics, dead-letter topics, connectors, migrations, secrets.
 * All problems of an overlay are reported together.
 */
class DeployManifestsTest {
    static final String IMAGE_REGISTRY = "ghcr.io/partnerflow/";
    /** Environment the local run's Launcher sets for every service (infra Launcher.startServices). */
    static final List<String> LAUNCHER_ENV = List.of("QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    /** Kafka client security set through the environment (Quarkus maps KAFKA_X_Y to the Kafka client key x.y). */
    static final Set<String> KAFKA_CLIENT_SECURITY_ENV = Set.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
            "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION");
    /** Keys added to outbox-connector.properties on Kubernetes: the connection, and (prod) slot failover. */
    static final Set<String> CONNECTOR_EXTRA_KEYS = Set.of("database.hostname", "database.port", "database.user",
            "database.password", "database.dbname", "slot.failover");

    final List<String> errors = new ArrayList<>();

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void overlayIsValidAndMatchesTheCode(String overlay) {
        Manifests m = new Manifests(Kustomize.render(Repo.path("deploy/kubernetes/overlays/" + overlay)));
        errors.addAll(m.errors);
        if (errors.isEmpty()) {
            checkServices(m, overlay);
            checkKafkaAndTopics(m);
            checkConnect(m);
            checkDatabases(m);
            checkReferences(m, overlay);
        }
        if (!errors.isEmpty()) {
            fail("deploy/kubernetes/overlays/" + overlay + " has " + errors.size() + " problem(s):\n  - "
                    + String.join("\n  - ", errors));
        }
    }

    @org.junit.jupiter.api.Test
    void productionLogsAreJsonWhileDevAndTestStayReadable() {
        java.util.Properties p = Repo.platformProperties();
        assertEquals("false", p.getProperty("quarkus.log.console.json.enabled"), "dev/test: human-readable console");
        assertEquals("true", p.getProperty("%prod.quarkus.log.console.json.enabled"), "prod profile: JSON console");
        assertTrue(Repo.read(Repo.path("platform/pom.xml")).contains("<artifactId>quarkus-logging-json</artifactId>"),
                "platform brings quarkus-logging-json to every service");
        assertEquals("none", p.getProperty("partnerflow.tracing.exporter"), "tracing export is opt-in outside Kubernetes");
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            errors.add(message);
        }
    }

    // ------------------------------------------------------------------------------------------ services

    private void checkServices(Manifests m, String overlay) {
        Set<String> deployments = new TreeSet<>();
        m.all(Deployment.class).forEach(d -> deployments.add(d.getMetadata().getName()));
        checkPortal(m, deployments.remove("portal"));
        check(deployments.equals(new TreeSet<>(Repo.services())),
                "Deployments " + deployments + " != the Maven *-service modules " + Repo.services());
        Kafka kafka = m.all(Kafka.class).get(0);
        for (String svc : Repo.services()) {
            Deployment d = m.one(Deployment.class, svc);
            if (d == null) {
                continue;
            }
            String where = "Deployment " + svc;
            int port = Repo.httpPort(svc);
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            check(labelsMatch(d.getSpec().getSelector().getMatchLabels(), podLabels), where + ": selector does not select its pods");
            List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
            check(containers.size() == 1, where + ": expected one container");
            Container c = containers.get(0);
            check((IMAGE_REGISTRY + svc + ":" + Repo.projectVersion()).equals(c.getImage()),
                    where + ": image " + c.getImage() + " != " + IMAGE_REGISTRY + svc + ":" + Repo.projectVersion()
                            + " (Maven module + project version)");
            check(c.getPorts().stream().anyMatch(p -> p.getContainerPort() == port && "http".equals(p.getName())),
                    where + ": no container port 'http' = quarkus.http.port " + port);
            probe(where + " startupProbe", c.getStartupProbe(), "/q/health/started");
            probe(where + " livenessProbe", c.getLivenessProbe(), "/q/health/live");
            probe(where + " readinessProbe", c.getReadinessProbe(), "/q/health/ready");
            resources(where, c.getResources().getRequests(), c.getResources().getLimits());

            Map<String, String> env = environment(m, d, c, where);
            for (String required : LAUNCHER_ENV) {
                check(env.containsKey(required), where + ": sets no " + required + " (the local run sets it)");
            }
            check(String.valueOf(port).equals(env.get("QUARKUS_HTTP_PORT")), where + ": QUARKUS_HTTP_PORT " + env.get("QUARKUS_HTTP_PORT") + " != " + port);
            Set<String> known = knownEnvironment(svc);
            for (String name : env.keySet()) {
                check(known.contains(name), where + ": environment variable " + name
                        + " maps to no property the service reads (application.properties, platform defaults, Dockerfile ENV)");
            }
            String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + clientPort(kafka);
            check(bootstrap.equals(env.get("KAFKA_BOOTSTRAP_SERVERS")), where + ": KAFKA_BOOTSTRAP_SERVERS " + env.get("KAFKA_BOOTSTRAP_SERVERS") + " != " + bootstrap);

            // the service's database: URLs point at its own CloudNativePG cluster, credentials from <cluster>-app
            String db = svc.substring(0, svc.length() - "-service".length());
            ObjectNode cluster = cluster(m, db + "-db");
            if (cluster == null) {
                errors.add(where + ": no CloudNativePG Cluster " + db + "-db");
            } else {
                String dbName = cluster.path("spec").path("bootstrap").path("initdb").path("database").asText();
                check(("postgresql://" + db + "-db-rw:5432/" + dbName).equals(env.get("QUARKUS_DATASOURCE_REACTIVE_URL")),
                        where + ": QUARKUS_DATASOURCE_REACTIVE_URL " + env.get("QUARKUS_DATASOURCE_REACTIVE_URL") + " is not its cluster's database");
                check(("jdbc:postgresql://" + db + "-db-rw:5432/" + dbName).equals(env.get("QUARKUS_DATASOURCE_JDBC_URL")),
                        where + ": QUARKUS_DATASOURCE_JDBC_URL " + env.get("QUARKUS_DATASOURCE_JDBC_URL") + " is not its cluster's database");
                check(("secret:" + db + "-db-app/username").equals(env.get("QUARKUS_DATASOURCE_USERNAME")), where + ": username not from Secret " + db + "-db-app");
                check(("secret:" + db + "-db-app/password").equals(env.get("QUARKUS_DATASOURCE_PASSWORD")), where + ": password not from Secret " + db + "-db-app");
            }

            Service s = m.one(Service.class, svc);
            check(s != null, where + ": no Service " + svc);
            if (s != null) {
                check(labelsMatch(s.getSpec().getSelector(), podLabels), "Service " + svc + ": selector does not select the pods");
                check(s.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port
                                && ("http".equals(p.getTargetPort().getStrVal()) || Objects.equals(p.getTargetPort().getIntVal(), port))),
                        "Service " + svc + ": no port " + port + " → http");
            }
            PodDisruptionBudget pdb = m.one(PodDisruptionBudget.class, svc);
            check(pdb != null && labelsMatch(pdb.getSpec().getSelector().getMatchLabels(), podLabels), where + ": no PodDisruptionBudget selecting its pods");
            if (pdb != null && pdb.getSpec().getMinAvailable() != null && d.getSpec().getReplicas() != null) {
                check(pdb.getSpec().getMinAvailable().getIntVal() < d.getSpec().getReplicas(),
                        "PodDisruptionBudget " + svc + ": minAvailable >= replicas blocks every node drain");
            }
            checkAutoscaler(m, svc, d);
            checkNetworkPolicy(m, svc, podLabels, port, db, kafka);
            checkObservability(m, svc, d, env, port);
        }
    }

    /**
     * The portal (no database, no Kafka): its image, port and probes, every service URL pointing at that service's
     * Service and port, proxy sign-in on and the local demo sign-in never set, egress allowed to those ports.
     */
    private void checkPortal(Manifests m, boolean present) {
        check(present, "no Deployment portal");
        Deployment d = m.one(Deployment.class, "portal");
        if (d == null) {
            return;
        }
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        check((IMAGE_REGISTRY + "portal:" + Repo.projectVersion()).equals(c.getImage()), "Deployment portal: image " + c.getImage());
        check(c.getPorts().stream().anyMatch(p -> p.getContainerPort() == 8080 && "http".equals(p.getName())), "Deployment portal: no port http 8080");
        probe("Deployment portal readinessProbe", c.getReadinessProbe(), "/q/health/ready");
        probe("Deployment portal livenessProbe", c.getLivenessProbe(), "/q/health/live");
        Map<String, String> env = new java.util.HashMap<>();
        c.getEnvFrom().forEach(f -> {
            var cm = m.one(io.fabric8.kubernetes.api.model.ConfigMap.class, f.getConfigMapRef().getName());
            if (cm != null) {
                env.putAll(cm.getData());
            }
        });
        check(!env.containsKey("PARTNERFLOW_PORTAL_LOCAL_SIGN_IN"), "portal: the local demo sign-in must never be configured in deploy/");
        check("true".equals(env.get("PARTNERFLOW_PORTAL_PROXY_AUTH")), "portal: PARTNERFLOW_PORTAL_PROXY_AUTH=true (sign-in through the OIDC proxy)");
        NetworkPolicy np = m.one(NetworkPolicy.class, "portal");
        check(np != null, "no NetworkPolicy portal");
        for (String svc : Repo.services()) {
            String db = svc.substring(0, svc.length() - "-service".length());
            int port = Repo.httpPort(svc);
            check(("http://" + svc + ":" + port).equals(env.get("PARTNERFLOW_PORTAL_SERVICES_" + db.toUpperCase(java.util.Locale.ROOT))),
                    "portal: PARTNERFLOW_PORTAL_SERVICES_" + db.toUpperCase(java.util.Locale.ROOT) + " != http://" + svc + ":" + port);
            check(np != null && np.getSpec().getEgress().stream().anyMatch(e -> e.getPorts().stream()
                    .anyMatch(p -> p.getPort() != null && Objects.equals(p.getPort().getIntVal(), port))),
                    "NetworkPolicy portal: no egress to " + svc + " port " + port);
        }
        check(m.one(Service.class, "portal") != null, "no Service portal");
    }

    /**
     * Tracing goes where the NetworkPolicy lets it (OTLP endpoint port open towards the collector), the
     * exporter is one the platform knows, logs stay JSON, and Prometheus is told where /q/metrics is.
     */
    private void checkObservability(Manifests m, String svc, Deployment d, Map<String, String> env, int port) {
        String where = "Deployment " + svc;
        String exporter = env.getOrDefault("PARTNERFLOW_TRACING_EXPORTER", Repo.platformProperties().getProperty("partnerflow.tracing.exporter"));
        check(Set.of("none", "logging", "otlp").contains(exporter), where + ": PARTNERFLOW_TRACING_EXPORTER " + exporter + " is not none|logging|otlp");
        if ("otlp".equals(exporter)) {
            String endpoint = env.get("PARTNERFLOW_TRACING_OTLP_ENDPOINT");
            check(endpoint != null, where + ": exporter otlp without PARTNERFLOW_TRACING_OTLP_ENDPOINT (the default is localhost)");
            if (endpoint != null) {
                java.net.URI uri = java.net.URI.create(endpoint);
                check("http".equals(uri.getScheme()) && uri.getPort() > 0 && uri.getPath().endsWith("/v1/traces"),
                        where + ": OTLP/HTTP endpoint must be http://<collector>:<port>/v1/traces, is " + endpoint);
                NetworkPolicy np = m.one(NetworkPolicy.class, svc);
                boolean open = np != null && np.getSpec().getEgress().stream().anyMatch(rule ->
                        rule.getTo() != null && rule.getTo().stream().anyMatch(peer -> peer.getPodSelector() != null
                                && Map.of("app.kubernetes.io/name", "opentelemetry-collector").equals(peer.getPodSelector().getMatchLabels()))
                                && rule.getPorts() != null && rule.getPorts().stream().anyMatch(pp -> Objects.equals(pp.getPort().getIntVal(), uri.getPort())));
                check(open, "NetworkPolicy " + svc + ": no egress to the tracing collector on port " + uri.getPort() + " (" + endpoint + ")");
            }
        }
        check(!"false".equalsIgnoreCase(env.getOrDefault("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")), where + ": JSON logs switched off");
        Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        check(annotations != null && "true".equals(annotations.get("prometheus.io/scrape"))
                        && "/q/metrics".equals(annotations.get("prometheus.io/path"))
                        && String.valueOf(port).equals(annotations.get("prometheus.io/port")),
                where + ": pod template needs prometheus.io/scrape=true, path=/q/metrics, port=" + port);
    }

    private void probe(String where, Probe p, String path) {
        if (p == null || p.getHttpGet() == null) {
            errors.add(where + ": missing (HTTP " + path + ")");
            return;
        }
        HTTPGetAction get = p.getHttpGet();
        check(path.equals(get.getPath()), where + ": path " + get.getPath() + " != " + path);
        check("http".equals(get.getPort().getStrVal()), where + ": must use the named port http");
    }

    private void resources(String where, Map<String, Quantity> requests, Map<String, Quantity> limits) {
        for (String r : List.of("cpu", "memory")) {
            check(requests != null && requests.containsKey(r), where + ": no " + r + " request");
            check(limits != null && limits.containsKey(r), where + ": no " + r + " limit");
            if (requests != null && limits != null && requests.containsKey(r) && limits.containsKey(r)) {
                check(Quantity.getAmountInBytes(requests.get(r)).compareTo(Quantity.getAmountInBytes(limits.get(r))) <= 0,
                        where + ": " + r + " request above its limit");
            }
        }
    }

    /** The container's environment: name → value, "secret:<name>/<key>" or "configmap:<name>/<key>". */
    private Map<String, String> environment(Manifests m, Deployment d, Container c, String where) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            check(from.getSecretRef() == null, where + ": envFrom a Secret hides which keys it sets; use env + secretKeyRef");
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = m.one(ConfigMap.class, from.getConfigMapRef().getName());
                if (cm == null) {
                    errors.add(where + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is not in the manifests");
                } else {
                    cm.getData().forEach((k, v) -> {
                        check(!env.containsKey(k), where + ": " + k + " set twice");
                        env.put(k, v);
                    });
                }
            }
        }
        for (EnvVar e : c.getEnv()) {
            check(!env.containsKey(e.getName()), where + ": " + e.getName() + " set twice");
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                env.put(e.getName(), "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey());
            } else if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                env.put(e.getName(), "configmap:" + e.getValueFrom().getConfigMapKeyRef().getName() + "/" + e.getValueFrom().getConfigMapKeyRef().getKey());
            } else {
                env.put(e.getName(), e.getValue());
            }
        }
        // the JWT key location must be a file the pod mounts
        String keyLocation = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        if (keyLocation != null && keyLocation.startsWith("/")) {
            boolean mounted = c.getVolumeMounts().stream().anyMatch(vm -> keyLocation.startsWith(vm.getMountPath() + "/"));
            check(mounted, where + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION " + keyLocation + " is not under a volume mount");
        }
        return env;
    }

    /** Env names the service reads: its properties, the platform's, ${VAR}s they reference, its image's ENV. */
    static Set<String> knownEnvironment(String svc) {
        Set<String> known = new LinkedHashSet<>();
        Properties own = Repo.serviceProperties(svc);
        Properties platform = Repo.platformProperties();
        for (Properties p : List.of(own, platform)) {
            for (String k : p.stringPropertyNames()) {
                known.add(Repo.envName(k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k));
            }
            known.addAll(Repo.referencedVariables(p));
        }
        known.addAll(Repo.dockerfileEnv(svc));
        // read by every service without a default in a properties file: the JWT issuer (MicroProfile JWT)
        known.add("MP_JWT_VERIFY_ISSUER");
        // Kafka client settings: Quarkus hands every KAFKA_* variable to the Kafka clients (KafkaRuntimeConfigProducer:
        // KAFKA_SASL_MECHANISM -> sasl.mechanism); only these, the cluster security of deploy/ (KafkaSecurityTest)
        known.addAll(KAFKA_CLIENT_SECURITY_ENV);
        return known;
    }

    private void checkAutoscaler(Manifests m, String svc, Deployment d) {
        HorizontalPodAutoscaler hpa = m.one(HorizontalPodAutoscaler.class, svc);
        if (hpa == null) {
            errors.add("Deployment " + svc + ": no HorizontalPodAutoscaler");
            return;
        }
        check("Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind()) && svc.equals(hpa.getSpec().getScaleTargetRef().getName()),
                "HorizontalPodAutoscaler " + svc + ": does not scale Deployment " + svc);
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        check(min <= hpa.getSpec().getMaxReplicas(), "HorizontalPodAutoscaler " + svc + ": minReplicas > maxReplicas");
        check(d.getSpec().getReplicas() == null || d.getSpec().getReplicas() <= hpa.getSpec().getMaxReplicas(),
                "Deployment " + svc + ": replicas above its autoscaler's maximum");
        // a consumer group uses at most one consumer per partition: more replicas than partitions sit idle
        for (Repo.Channel ch : Repo.channels(svc)) {
            if (!"incoming".equals(ch.direction())) {
                continue;
            }
            KafkaTopic t = topic(m, ch.topic());
            if (t != null && t.getSpec().getPartitions() != null) {
                check(hpa.getSpec().getMaxReplicas() <= t.getSpec().getPartitions(),
                        "HorizontalPodAutoscaler " + svc + ": maxReplicas " + hpa.getSpec().getMaxReplicas() + " > the "
                                + t.getSpec().getPartitions() + " partitions of " + ch.topic() + " it consumes");
            }
        }
    }

    private void checkNetworkPolicy(Manifests m, String svc, Map<String, String> podLabels, int port, String db, Kafka kafka) {
        NetworkPolicy np = m.one(NetworkPolicy.class, svc);
        if (np == null) {
            errors.add("Deployment " + svc + ": no NetworkPolicy");
            return;
        }
        String where = "NetworkPolicy " + svc;
        check(labelsMatch(np.getSpec().getPodSelector().getMatchLabels(), podLabels), where + ": does not select the service's pods");
        check(np.getSpec().getPolicyTypes().contains("Egress") && np.getSpec().getPolicyTypes().contains("Ingress"), where + ": must restrict Ingress and Egress");
        boolean database = false;
        boolean broker = false;
        for (NetworkPolicyEgressRule rule : np.getSpec().getEgress()) {
            check(rule.getTo() != null && !rule.getTo().isEmpty(), where + ": an egress rule without 'to' allows every destination");
            for (NetworkPolicyPeer peer : rule.getTo() == null ? List.<NetworkPolicyPeer>of() : rule.getTo()) {
                check(peer.getIpBlock() == null, where + ": ipBlock egress is not allowed (only its database, Kafka, the tracing collector, DNS)");
                Map<String, String> sel = peer.getPodSelector() == null ? Map.of() : peer.getPodSelector().getMatchLabels();
                if (sel == null || sel.isEmpty()) {
                    errors.add(where + ": an egress peer selects every pod");
                    continue;
                }
                if (sel.containsKey("cnpg.io/cluster")) {
                    check((db + "-db").equals(sel.get("cnpg.io/cluster")), where + ": reaches another service's database " + sel.get("cnpg.io/cluster"));
                    check(peer.getNamespaceSelector() == null, where + ": database peer must be in the same namespace");
                    database |= (db + "-db").equals(sel.get("cnpg.io/cluster"));
                } else if (sel.containsKey("strimzi.io/cluster")) {
                    check(kafka.getMetadata().getName().equals(sel.get("strimzi.io/cluster")) && "Kafka".equals(sel.get("strimzi.io/kind")),
                            where + ": Kafka peer must select the brokers of " + kafka.getMetadata().getName());
                    check(rule.getPorts() != null && rule.getPorts().stream().allMatch(p -> Objects.equals(p.getPort().getIntVal(), clientPort(kafka))),
                            where + ": Kafka egress must be the client listener's port " + clientPort(kafka) + " only");
                    broker = true;
                } else {
                    check(Map.of("app.kubernetes.io/name", "opentelemetry-collector").equals(sel) || Map.of("k8s-app", "kube-dns").equals(sel),
                            where + ": egress to " + sel + " (only its database, Kafka, the tracing collector and DNS are allowed)");
                }
            }
        }
        check(database, where + ": no egress to its database " + db + "-db");
        check(broker, where + ": no egress to Kafka");
        check(np.getSpec().getIngress().stream().allMatch(r -> r.getPorts() != null && !r.getPorts().isEmpty()
                        && r.getPorts().stream().allMatch(p -> Objects.equals(p.getPort().getIntVal(), port))),
                where + ": ingress must be limited to the HTTP port " + port);
    }

    // ------------------------------------------------------------------------------------------- Kafka

    /** The port of the listener clients use: TLS with SCRAM-SHA-512 (KafkaSecurityTest checks there is no other). */
    static int clientPort(Kafka kafka) {
        for (GenericKafkaListener l : kafka.getSpec().getKafka().getListeners()) {
            if (l.isTls() && l.getAuth() != null) {
                return l.getPort();
            }
        }
        throw new IllegalStateException("no TLS listener with authentication");
    }

    private static String topicName(KafkaTopic t) {
        return t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName();
    }

    private static KafkaTopic topic(Manifests m, String name) {
        return m.all(KafkaTopic.class).stream().filter(t -> name.equals(topicName(t))).findFirst().orElse(null);
    }

    /** Every topic the system needs: the contract's, the services' channels and dead letters, Debezium heartbeats. */
    static Map<String, String> requiredTopics() {
        Map<String, String> required = new TreeMap<>();
        Topics.ALL.forEach(t -> required.put(t, "contracts Topics.ALL"));
        for (String svc : Repo.services()) {
            for (Repo.Channel ch : Repo.channels(svc)) {
                required.putIfAbsent(ch.topic(), svc + " " + ch.direction() + " channel " + ch.name());
                if (ch.deadLetterTopic() != null) {
                    required.putIfAbsent(ch.deadLetterTopic(), svc + " dead letters of channel " + ch.name());
                }
            }
        }
        return required;
    }

    private void checkKafkaAndTopics(Manifests m) {
        List<Kafka> kafkas = m.all(Kafka.class);
        check(kafkas.size() == 1, "expected one Kafka, found " + kafkas.size());
        Kafka kafka = kafkas.get(0);
        String cluster = kafka.getMetadata().getName();
        int brokers = 0;
        for (KafkaNodePool pool : m.all(KafkaNodePool.class)) {
            check(cluster.equals(label(pool.getMetadata().getLabels(), "strimzi.io/cluster")), "KafkaNodePool " + pool.getMetadata().getName() + ": not labelled strimzi.io/cluster=" + cluster);
            if (pool.getSpec().getRoles().contains(ProcessRoles.BROKER)) {
                brokers += pool.getSpec().getReplicas();
            }
            check(pool.getSpec().getResources() != null && pool.getSpec().getResources().getLimits() != null, "KafkaNodePool " + pool.getMetadata().getName() + ": no resource limits");
        }
        check(m.all(KafkaNodePool.class).stream().anyMatch(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER)), "no KafkaNodePool with the controller role (KRaft)");
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        check("false".equals(String.valueOf(config.get("auto.create.topics.enable"))), "Kafka: auto.create.topics.enable must be false (every topic is a KafkaTopic)");
        int minIsr = Integer.parseInt(String.valueOf(config.getOrDefault("min.insync.replicas", 1)));
        int defaultRf = Integer.parseInt(String.valueOf(config.getOrDefault("default.replication.factor", 1)));
        check(defaultRf <= brokers, "Kafka: default.replication.factor " + defaultRf + " > " + brokers + " brokers");
        check(minIsr < defaultRf || defaultRf == 1, "Kafka: min.insync.replicas " + minIsr + " leaves no room for one broker down");
        for (String k : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
            check(Integer.parseInt(String.valueOf(config.getOrDefault(k, 3))) <= brokers, "Kafka: " + k + " above the broker count " + brokers);
        }

        Map<String, String> required = requiredTopics();
        for (KafkaConnector c : m.all(KafkaConnector.class)) {
            String prefix = String.valueOf(c.getSpec().getConfig().get("topic.prefix"));
            required.put("__debezium-heartbeat." + prefix, "heartbeats of KafkaConnector " + c.getMetadata().getName());
        }
        Set<String> declared = new TreeSet<>();
        for (KafkaTopic t : m.all(KafkaTopic.class)) {
            String name = topicName(t);
            String where = "KafkaTopic " + name;
            check(declared.add(name), where + ": declared twice");
            check(cluster.equals(label(t.getMetadata().getLabels(), "strimzi.io/cluster")), where + ": not labelled strimzi.io/cluster=" + cluster);
            check(t.getSpec().getPartitions() != null && t.getSpec().getPartitions() >= 1, where + ": partitions must be set");
            check(t.getSpec().getReplicas() != null && t.getSpec().getReplicas() <= brokers, where + ": replicas must be set and <= " + brokers + " brokers");
            Map<String, Object> cfg = t.getSpec().getConfig() == null ? Map.of() : t.getSpec().getConfig();
            int isr = Integer.parseInt(String.valueOf(cfg.getOrDefault("min.insync.replicas", minIsr)));
            if (t.getSpec().getReplicas() != null) {
                check(isr <= t.getSpec().getReplicas() && (isr < t.getSpec().getReplicas() || t.getSpec().getReplicas() == 1),
                        where + ": min.insync.replicas " + isr + " with " + t.getSpec().getReplicas() + " replicas");
            }
            check(!"compact".equals(cfg.get("cleanup.policy")), where + ": event topics are not compactable (every event of a key matters)");
            if (Topics.ALL.contains(name) || Topics.isDeadLetter(name)) {
                // replay and recovery read from offset 0: nothing may expire
                check("-1".equals(String.valueOf(cfg.get("retention.ms"))) && "-1".equals(String.valueOf(cfg.get("retention.bytes"))),
                        where + ": contract and dead-letter topics keep everything (retention.ms and retention.bytes -1)");
            }
            if (Topics.ALL.contains(name)) {
                check(t.getSpec().getPartitions() != null && t.getSpec().getPartitions() >= 12,
                        where + ": contract topics start with >= 12 partitions (adding partitions later breaks per-key order)");
            }
            if (Topics.isDeadLetter(name)) {
                String source = name.substring(0, name.indexOf(Topics.DLQ_INFIX));
                String consumer = name.substring(name.indexOf(Topics.DLQ_INFIX) + Topics.DLQ_INFIX.length());
                check(Repo.services().contains(consumer), where + ": dead letters of unknown service " + consumer);
                check(name.equals(Topics.deadLetter(source, consumer)), where + ": not named by Topics.deadLetter");
            }
        }
        for (Map.Entry<String, String> r : required.entrySet()) {
            check(declared.contains(r.getKey()), "topic " + r.getKey() + " (" + r.getValue() + ") has no KafkaTopic in deploy/kubernetes/base/kafka/topics.yaml");
        }
        // every dead-letter channel follows the naming rule
        for (String svc : Repo.services()) {
            for (Repo.Channel ch : Repo.channels(svc)) {
                if ("incoming".equals(ch.direction())) {
                    check("dead-letter-queue".equals(ch.failureStrategy() == null ? null : ch.failureStrategy().strip()),
                            svc + " channel " + ch.name() + ": failure-strategy must be dead-letter-queue (poison never blocks a partition)");
                    check(Topics.deadLetter(ch.topic(), svc).equals(ch.deadLetterTopic()),
                            svc + " channel " + ch.name() + ": dead-letter-queue.topic " + ch.deadLetterTopic() + " != " + Topics.deadLetter(ch.topic(), svc));
                }
            }
        }
    }

    private static String label(Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }

    // ----------------------------------------------------------------------------- Connect / connectors

    private void checkConnect(Manifests m) {
        List<KafkaConnect> connects = m.all(KafkaConnect.class);
        check(connects.size() == 1, "expected one KafkaConnect, found " + connects.size());
        KafkaConnect connect = connects.get(0);
        String where = "KafkaConnect " + connect.getMetadata().getName();
        Kafka kafka = m.all(Kafka.class).get(0);
        check("true".equals(connect.getMetadata().getAnnotations().get("strimzi.io/use-connector-resources")),
                where + ": needs annotation strimzi.io/use-connector-resources: \"true\"");
        check((kafka.getMetadata().getName() + "-kafka-bootstrap:" + clientPort(kafka)).equals(connect.getSpec().getBootstrapServers()),
                where + ": bootstrapServers is not the Kafka cluster's");
        Map<String, Object> cfg = connect.getSpec().getConfig();
        // the same record bytes as the local relay and docker-compose's Connect worker
        check("org.apache.kafka.connect.storage.StringConverter".equals(cfg.get("key.converter")), where + ": key.converter must be StringConverter");
        check("org.apache.kafka.connect.storage.StringConverter".equals(cfg.get("value.converter")), where + ": value.converter must be StringConverter");
        check("org.apache.kafka.connect.storage.SimpleHeaderConverter".equals(cfg.get("header.converter")), where + ": header.converter must be SimpleHeaderConverter");
        // the Debezium PostgreSQL plugin, same version as the local relay
        String debezium = Repo.pomProperty("debezium.version");
        boolean plugin = false;
        if (connect.getSpec().getBuild() != null) {
            for (Plugin p : connect.getSpec().getBuild().getPlugins()) {
                for (var a : p.getArtifacts()) {
                    if (a instanceof TgzArtifact tgz && tgz.getUrl().endsWith("/debezium-connector-postgres-" + debezium + "-plugin.tar.gz")) {
                        plugin = true;
                        check(tgz.getSha512sum() != null && tgz.getSha512sum().matches("[0-9a-f]{128}"), where + ": the plugin archive needs its sha512sum");
                        check(tgz.getUrl().startsWith("https://repo1.maven.org/maven2/io/debezium/debezium-connector-postgres/" + debezium + "/"),
                                where + ": the plugin comes from Maven Central");
                    }
                }
            }
            check(connect.getSpec().getBuild().getOutput() != null, where + ": build.output missing");
        }
        check(plugin, where + ": no build plugin debezium-connector-postgres " + debezium + " (pom.xml debezium.version)");
        Map<String, ContainerEnvVar> env = new LinkedHashMap<>();
        if (connect.getSpec().getTemplate() != null && connect.getSpec().getTemplate().getConnectContainer() != null) {
            connect.getSpec().getTemplate().getConnectContainer().getEnv().forEach(e -> env.put(e.getName(), e));
        }

        Set<String> slots = new TreeSet<>();
        Set<String> databases = new TreeSet<>();
        for (KafkaConnector c : m.all(KafkaConnector.class)) {
            String cw = "KafkaConnector " + c.getMetadata().getName();
            check(connect.getMetadata().getName().equals(label(c.getMetadata().getLabels(), "strimzi.io/cluster")), cw + ": not labelled strimzi.io/cluster=" + connect.getMetadata().getName());
            check(Integer.valueOf(1).equals(c.getSpec().getTasksMax()), cw + ": tasksMax must be 1 (one replication slot)");
            Map<String, Object> config = c.getSpec().getConfig();
            String db = String.valueOf(config.get("database.dbname"));
            databases.add(db);
            // THE connector configuration: outbox-connector.properties with ${db} replaced and the database's
            // override.<db>.* lines applied, + the connection
            Map<String, String> expected = new TreeMap<>(Repo.connectorConfig(db));
            check(Objects.equals(expected.remove("connector.class"), c.getSpec().getClassName()),
                    cw + ": spec.class != connector.class of outbox-connector.properties");
            Map<String, String> actual = new TreeMap<>();
            config.forEach((k, v) -> actual.put(k, String.valueOf(v)));
            for (Map.Entry<String, String> e : expected.entrySet()) {
                check(e.getValue().equals(actual.get(e.getKey())), cw + ": " + e.getKey() + " = " + actual.get(e.getKey())
                        + ", outbox-connector.properties says " + e.getValue());
            }
            for (String k : actual.keySet()) {
                check(expected.containsKey(k) || CONNECTOR_EXTRA_KEYS.contains(k), cw + ": key " + k + " is not in outbox-connector.properties");
            }
            check(slots.add(String.valueOf(config.get("slot.name"))), cw + ": slot name used twice");
            // the database it reads: a CloudNativePG cluster's database, through the read-write service
            ObjectNode cluster = null;
            for (ObjectNode cl : m.cnpg("Cluster")) {
                if (db.equals(cl.path("spec").path("bootstrap").path("initdb").path("database").asText())) {
                    cluster = cl;
                }
            }
            if (cluster == null) {
                errors.add(cw + ": database " + db + " is no CloudNativePG cluster's database");
                continue;
            }
            String clusterName = Kustomize.name(cluster);
            check((clusterName + "-rw").equals(config.get("database.hostname")), cw + ": database.hostname must be " + clusterName + "-rw");
            check("5432".equals(String.valueOf(config.get("database.port"))), cw + ": database.port must be 5432");
            String user = String.valueOf(config.get("database.user"));
            JsonNode role = null;
            for (JsonNode r : cluster.path("spec").path("managed").path("roles")) {
                if (user.equals(r.path("name").asText())) {
                    role = r;
                }
            }
            if (role == null) {
                errors.add(cw + ": database.user " + user + " is not a managed role of Cluster " + clusterName);
            } else {
                check(role.path("login").asBoolean() && role.path("replication").asBoolean(), cw + ": role " + user + " needs login and replication");
                Matcher pw = Pattern.compile("^\\$\\{env:([A-Z0-9_]+)}$").matcher(String.valueOf(config.get("database.password")));
                if (!pw.matches()) {
                    errors.add(cw + ": database.password must be ${env:VAR} (never a literal)");
                } else {
                    ContainerEnvVar var = env.get(pw.group(1));
                    String secret = role.path("passwordSecret").path("name").asText();
                    check(var != null && var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null
                                    && secret.equals(var.getValueFrom().getSecretKeyRef().getName())
                                    && "password".equals(var.getValueFrom().getSecretKeyRef().getKey()),
                            cw + ": " + pw.group(1) + " must come from Secret " + secret + " key password (the role's passwordSecret)");
                }
            }
            check("env".equals(cfg.get("config.providers")) && "org.apache.kafka.common.config.provider.EnvVarConfigProvider".equals(cfg.get("config.providers.env.class")),
                    where + ": needs the env config provider for ${env:...} passwords");
            // the table it streams is created by a migration the service runs
            String service = Repo.services().stream().filter(s -> s.equals(db + "-service")).findFirst().orElse(null);
            check(service != null, cw + ": database " + db + " belongs to no service module");
            if (service != null) {
                for (String table : String.valueOf(config.get("table.include.list")).split(",")) {
                    check(Repo.migratedTables(service).contains(table.strip()), cw + ": table " + table + " is created by none of " + service + "'s migrations");
                }
            }
            // the publication it names exists (created by the operator, FOR ALL TABLES as publication.autocreate.mode says)
            String publication = String.valueOf(config.get("publication.name"));
            boolean published = m.cnpg("Publication").stream().anyMatch(p -> clusterName.equals(p.path("spec").path("cluster").path("name").asText())
                    && db.equals(p.path("spec").path("dbname").asText()) && publication.equals(p.path("spec").path("name").asText())
                    && ("all_tables".equals(config.get("publication.autocreate.mode")) == p.path("spec").path("target").path("allTables").asBoolean(false)));
            check(published, cw + ": no CloudNativePG Publication " + publication + " on " + clusterName + "/" + db + " matching publication.autocreate.mode");
        }
        Set<String> serviceDbs = new TreeSet<>();
        Repo.services().forEach(s -> serviceDbs.add(s.substring(0, s.length() - "-service".length())));
        check(databases.equals(serviceDbs), "KafkaConnectors cover databases " + databases + ", the services have " + serviceDbs + " (one connector per service database)");
    }

    // -------------------------------------------------------------------------------------- databases

    private static ObjectNode cluster(Manifests m, String name) {
        return m.cnpg("Cluster").stream().filter(c -> name.equals(Kustomize.name(c))).findFirst().orElse(null);
    }

    private void checkDatabases(Manifests m) {
        for (ObjectNode c : m.cnpg("Cluster")) {
            String where = "Cluster " + Kustomize.name(c);
            JsonNode spec = c.path("spec");
            check("logical".equals(spec.path("postgresql").path("parameters").path("wal_level").asText()), where + ": postgresql.parameters.wal_level must be logical (Debezium)");
            check(spec.path("bootstrap").path("initdb").hasNonNull("database") && spec.path("bootstrap").path("initdb").hasNonNull("owner"), where + ": bootstrap.initdb database and owner");
            check(!spec.path("bootstrap").path("initdb").has("secret"), where + ": let the operator generate <cluster>-app (no password in the repo)");
            check(spec.path("storage").hasNonNull("size"), where + ": storage.size");
            check(spec.path("resources").path("limits").hasNonNull("memory"), where + ": a memory limit");
            check(!spec.path("enableSuperuserAccess").asBoolean(false), where + ": no superuser access over the network");
            int instances = spec.path("instances").asInt();
            if (instances > 1) {
                check(spec.path("replicationSlots").path("highAvailability").path("synchronizeLogicalDecoding").asBoolean(false)
                                && "on".equals(spec.path("postgresql").path("parameters").path("sync_replication_slots").asText())
                                && "on".equals(spec.path("postgresql").path("parameters").path("hot_standby_feedback").asText()),
                        where + ": with standbys, Debezium's logical slot must be synchronised (synchronizeLogicalDecoding, sync_replication_slots, hot_standby_feedback)");
                for (KafkaConnector k : m.all(KafkaConnector.class)) {
                    if ((Kustomize.name(c) + "-rw").equals(k.getSpec().getConfig().get("database.hostname"))) {
                        check("true".equals(String.valueOf(k.getSpec().getConfig().get("slot.failover"))),
                                "KafkaConnector " + k.getMetadata().getName() + ": slot.failover=true needed with a " + instances + "-instance cluster");
                    }
                }
            }
        }
    }

    // --------------------------------------------------------------------- Secrets / ConfigMaps references

    /** Secrets and ConfigMaps referenced but created elsewhere must be named in docs/runbook.md. */
    private void checkReferences(Manifests m, String overlay) {
        Set<String> secrets = new TreeSet<>();
        Set<String> configMaps = new TreeSet<>();
        for (Deployment d : m.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .forEach(e -> secrets.add(e.getValueFrom().getSecretKeyRef().getName()));
                c.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null).forEach(e -> configMaps.add(e.getConfigMapRef().getName()));
            }
            for (Volume v : d.getSpec().getTemplate().getSpec().getVolumes()) {
                if (v.getConfigMap() != null) {
                    configMaps.add(v.getConfigMap().getName());
                }
                if (v.getSecret() != null) {
                    secrets.add(v.getSecret().getSecretName());
                }
            }
        }
        for (KafkaConnect k : m.all(KafkaConnect.class)) {
            k.getSpec().getTemplate().getConnectContainer().getEnv().stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> secrets.add(e.getValueFrom().getSecretKeyRef().getName()));
            if (k.getSpec().getBuild() != null && k.getSpec().getBuild().getOutput() instanceof io.strimzi.api.kafka.model.connect.build.DockerOutput o
                    && o.getPushSecret() != null) {
                secrets.add(o.getPushSecret());
            }
        }
        Set<String> operatorMade = new TreeSet<>();
        for (KafkaConnect k : m.all(KafkaConnect.class)) {
            if (k.getSpec().getAuthentication() instanceof io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationScramSha512 scram) {
                secrets.add(scram.getPasswordSecret().getSecretName());
            }
            if (k.getSpec().getTls() != null) {
                k.getSpec().getTls().getTrustedCertificates().forEach(t -> secrets.add(t.getSecretName()));
            }
        }
        for (ObjectNode c : m.cnpg("Cluster")) {
            c.path("spec").path("managed").path("roles").forEach(r -> {
                if (r.has("passwordSecret")) {
                    secrets.add(r.path("passwordSecret").path("name").asText());
                }
            });
            // object-store credentials of the backups
            c.path("spec").path("backup").path("barmanObjectStore").path("s3Credentials").forEach(ref -> {
                if (ref.hasNonNull("name")) {
                    secrets.add(ref.path("name").asText());
                }
            });
        }
        for (io.fabric8.kubernetes.api.model.networking.v1.Ingress i : m.all(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)) {
            boolean certManager = i.getMetadata().getAnnotations() != null && i.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer");
            i.getSpec().getTls().forEach(t -> {
                secrets.add(t.getSecretName());
                if (certManager) {
                    operatorMade.add(t.getSecretName());
                }
            });
        }
        m.cnpg("Cluster").forEach(c -> operatorMade.add(Kustomize.name(c) + "-app"));
        // Strimzi: the User Operator writes Secret <user> per KafkaUser, the Cluster Operator <cluster>-cluster-ca-cert
        m.all(io.strimzi.api.kafka.model.user.KafkaUser.class).forEach(u -> operatorMade.add(u.getMetadata().getName()));
        m.all(Kafka.class).forEach(k -> operatorMade.add(k.getMetadata().getName() + "-cluster-ca-cert"));
        String runbook = Repo.read(Repo.path("docs/runbook.md"));
        for (String s : secrets) {
            Secret present = m.one(Secret.class, s);
            if (present == null && !operatorMade.contains(s)) {
                check(runbook.contains(s) || runbook.contains(s.replaceFirst("^[a-z]+-db-", "<db>-db-")),
                        "Secret " + s + " is neither in the " + overlay + " manifests, nor made by an operator, nor documented in docs/runbook.md");
            }
            if (present != null) {
                check(!"prod".equals(overlay), "the prod overlay contains Secret " + s + ": production secrets never live in the repo");
                present.getData().values().forEach(v -> check(new String(java.util.Base64.getDecoder().decode(v)).matches("debezium|dev-only-.*"),
                        "Secret " + s + ": dev secrets must be obviously fake (dev-only-...)"));
            }
        }
        for (String c : configMaps) {
            check(m.one(ConfigMap.class, c) != null || runbook.contains(c),
                    "ConfigMap " + c + " is neither in the " + overlay + " manifests nor documented in docs/runbook.md");
        }
    }

    static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    static Path overlay(String name) {
        return Repo.path("deploy/kubernetes/overlays/" + name);
    }
}
