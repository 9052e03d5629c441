package io.partnerflow.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OPTIONAL: where kubectl is installed, renders each overlay with {@code kubectl kustomize} and requires the
 * exact same resources as the test renderer (Kustomize.java), so the core validation provably checks what
 * {@code kubectl apply -k} would apply. Skipped, with a message, where kubectl is absent (CI needs only a JDK).
 */
class KubectlKustomizeTest {

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void kubectlRendersExactlyWhatTheTestsValidate(String overlay) throws Exception {
        String kubectl = findKubectl();
        assumeTrue(kubectl != null, "kubectl not on PATH: the kubectl cross-check is skipped (the Java-rendered validation still ran)");
        Path dir = Repo.path("deploy/kubernetes/overlays/" + overlay);
        Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize timed out");
        assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + " failed: " + err);

        Map<String, String> byKubectl = index(Yaml.documents(new String(out, StandardCharsets.UTF_8), "kubectl kustomize " + overlay));
        Map<String, String> byTests = index(Kustomize.render(dir));
        assertEquals(byKubectl.keySet(), byTests.keySet(), "resources rendered by kubectl vs the test renderer");
        for (String id : byKubectl.keySet()) {
            assertEquals(byKubectl.get(id), byTests.get(id), id + " rendered differently by kubectl and the test renderer");
        }
    }

    private static Map<String, String> index(Iterable<ObjectNode> resources) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (ObjectNode r : resources) {
            // canonical form: keys sorted
            Object canonical = Yaml.JSON.treeToValue(r, Object.class);
            out.put(Kustomize.id(r), Yaml.JSON.writerWithDefaultPrettyPrinter()
                    .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(canonical));
        }
        return out;
    }

    private static String findKubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
