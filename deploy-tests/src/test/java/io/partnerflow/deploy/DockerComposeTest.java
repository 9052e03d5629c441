package io.partnerflow.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.contracts.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml (for people with Docker; not run in CI) against the services' configuration and
 * deploy/: the five services, their ports, their configuration keys, the topics, the connector databases
 * and converters.
 */
class DockerComposeTest {
    final List<String> errors = new ArrayList<>();

    private void check(boolean ok, String message) {
        if (!ok) {
            errors.add(message);
        }
    }

    @Test
    void composeMatchesTheServicesAndDeploy() {
        ObjectNode compose = Yaml.single(Repo.path("docker-compose.yml"));
        JsonNode services = compose.path("services");
        Manifests prod = new Manifests(Kustomize.render(Repo.path("deploy/kubernetes/overlays/prod")));

        for (String svc : Repo.services()) {
            JsonNode s = services.get(svc);
            if (s == null) {
                errors.add("docker-compose.yml: no service " + svc);
                continue;
            }
            int port = Repo.httpPort(svc);
            check(("./" + svc).equals(s.path("build").path("context").asText()) && "src/main/docker/Dockerfile.jvm".equals(s.path("build").path("dockerfile").asText()),
                    svc + ": build must be ./" + svc + " with src/main/docker/Dockerfile.jvm");
            check(Kustomize.imageName(s.path("image").asText()).endsWith("/" + svc), svc + ": image " + s.path("image").asText() + " is not named after the module");
            List<String> ports = new ArrayList<>();
            s.path("ports").forEach(p -> ports.add(p.asText()));
            check(ports.equals(List.of(port + ":" + port)), svc + ": ports " + ports + " != [" + port + ":" + port + "] (quarkus.http.port)");
            Map<String, String> env = new LinkedHashMap<>();
            s.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            check(String.valueOf(port).equals(env.get("QUARKUS_HTTP_PORT")), svc + ": QUARKUS_HTTP_PORT " + env.get("QUARKUS_HTTP_PORT") + " != " + port);
            for (String key : DeployManifestsTest.LAUNCHER_ENV) {
                check(env.containsKey(key), svc + ": compose sets no " + key + " (the local run and deploy/ do)");
            }
            Set<String> known = DeployManifestsTest.knownEnvironment(svc);
            for (String key : env.keySet()) {
                check(known.contains(key), svc + ": compose environment " + key + " maps to no property the service reads");
            }
            String db = svc.substring(0, svc.length() - "-service".length());
            check(env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_URL", "").endsWith("/" + db), svc + ": not its own database " + db);
            check(s.path("healthcheck").path("test").toString().contains("/q/health/ready"), svc + ": healthcheck must use /q/health/ready");
            // deploy/ sets the same keys (Kubernetes adds only JAVA_OPTS and the issuer, from partnerflow-common-config)
            io.fabric8.kubernetes.api.model.apps.Deployment d = prod.one(io.fabric8.kubernetes.api.model.apps.Deployment.class, svc);
            if (d != null) {
                Set<String> k8s = new TreeSet<>();
                var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                c.getEnv().forEach(e -> k8s.add(e.getName()));
                c.getEnvFrom().forEach(f -> {
                    var cm = prod.one(io.fabric8.kubernetes.api.model.ConfigMap.class, f.getConfigMapRef().getName());
                    if (cm != null) {
                        k8s.addAll(cm.getData().keySet());
                    }
                });
                for (String key : env.keySet()) {
                    check(k8s.contains(key), svc + ": compose sets " + key + ", deploy/ does not");
                }
            }
        }
        Set<String> extra = new TreeSet<>();
        services.fieldNames().forEachRemaining(n -> {
            if (n.endsWith("-service") && !Repo.services().contains(n)) {
                extra.add(n);
            }
        });
        check(extra.isEmpty(), "docker-compose.yml has services that are no Maven module: " + extra);

        // topics created by kafka-init: every contract topic
        String init = services.path("kafka-init").path("command").toString();
        Matcher m = Pattern.compile("for topic in ([^;]+);").matcher(init.replace("\\n", "\n"));
        Set<String> created = new TreeSet<>();
        if (m.find()) {
            created.addAll(List.of(m.group(1).trim().split("\\s+")));
        }
        check(created.containsAll(Topics.ALL), "kafka-init creates " + created + ", missing some of " + Topics.ALL);

        // connectors: one per service database, same converters as deploy/'s KafkaConnect
        Set<String> dbs = new TreeSet<>(List.of(services.path("connect-init").path("environment").path("DATABASES").asText().split(",")));
        Set<String> serviceDbs = new TreeSet<>();
        Repo.services().forEach(s -> serviceDbs.add(s.substring(0, s.length() - "-service".length())));
        check(dbs.equals(serviceDbs), "connect-init DATABASES " + dbs + " != the services' databases " + serviceDbs);
        JsonNode connectEnv = services.path("connect").path("environment");
        var kc = prod.all(io.strimzi.api.kafka.model.connect.KafkaConnect.class).get(0).getSpec().getConfig();
        check(String.valueOf(kc.get("key.converter")).equals(connectEnv.path("KEY_CONVERTER").asText()), "compose connect KEY_CONVERTER differs from deploy/");
        check(String.valueOf(kc.get("value.converter")).equals(connectEnv.path("VALUE_CONVERTER").asText()), "compose connect VALUE_CONVERTER differs from deploy/");
        check(String.valueOf(kc.get("header.converter")).equals(connectEnv.path("CONNECT_HEADER_CONVERTER").asText()), "compose connect CONNECT_HEADER_CONVERTER differs from deploy/");
        check(services.path("connect").path("image").asText().endsWith(":" + Repo.pomProperty("debezium.version")), "compose connect image is not Debezium " + Repo.pomProperty("debezium.version"));
        check(services.path("connect-init").path("volumes").toString().contains("./infra/src/main/resources/outbox-connector.properties"),
                "connect-init must mount THE connector properties file");
        if (!errors.isEmpty()) {
            fail("docker-compose.yml has " + errors.size() + " problem(s):\n  - " + String.join("\n  - ", errors));
        }
    }
}
