package io.partnerflow.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL backups (CloudNativePG WAL archive + ScheduledBackup to object storage) and the public entry points
 * (Ingress with TLS for the CRM webhooks and the portal, nothing else).
 */
class BackupAndIngressTest {
    /** The service behind the portal's sign-in, installed separately (docs/runbook.md "Ingress and TLS"). */
    static final String OIDC_PROXY = "oauth2-proxy";

    final List<String> errors = new ArrayList<>();

    private void check(boolean ok, String message) {
        if (!ok) {
            errors.add(message);
        }
    }

    private void failOnErrors(String what) {
        if (!errors.isEmpty()) {
            fail(what + " has " + errors.size() + " problem(s):\n  - " + String.join("\n  - ", errors));
        }
    }

    private static Manifests render(String overlay) {
        return new Manifests(Kustomize.render(Repo.path("deploy/kubernetes/overlays/" + overlay)));
    }

    // ------------------------------------------------------------------------------------------ backups

    @Test
    void everyProductionDatabaseIsArchivedAndBackedUpAtLeastDaily() {
        Manifests m = render("prod");
        errors.addAll(m.errors);
        checkBackups(m, true);
        failOnErrors("deploy/kubernetes/overlays/prod backups");
    }

    @Test
    void devScheduledBackupsOnlyForClustersWithAnObjectStore() {
        Manifests m = render("dev");
        errors.addAll(m.errors);
        checkBackups(m, false);
        failOnErrors("deploy/kubernetes/overlays/dev backups");
    }

    private void checkBackups(Manifests m, boolean required) {
        Set<String> serverNames = new TreeSet<>();
        for (ObjectNode c : m.cnpg("Cluster")) {
            String name = Kustomize.name(c);
            String where = "Cluster " + name;
            JsonNode backup = c.path("spec").path("backup");
            JsonNode store = backup.path("barmanObjectStore");
            List<ObjectNode> schedules = m.cnpg("ScheduledBackup").stream()
                    .filter(s -> name.equals(s.path("spec").path("cluster").path("name").asText())).toList();
            if (!required && store.isMissingNode()) {
                check(schedules.isEmpty(), where + ": a ScheduledBackup without a backup object store would only fail");
                continue;
            }
            check(!store.isMissingNode(), where + ": no spec.backup.barmanObjectStore (WAL archive + base backups to object storage)");
            if (store.isMissingNode()) {
                continue;
            }
            check(store.path("destinationPath").asText().matches("^(s3|gs)://[a-z0-9][a-z0-9.-]+/.*|^https://.+"),
                    where + ": destinationPath must be an object-store URL, is " + store.path("destinationPath").asText());
            for (String key : List.of("accessKeyId", "secretAccessKey")) {
                JsonNode ref = store.path("s3Credentials").path(key);
                check(ref.hasNonNull("name") && ref.hasNonNull("key"), where + ": s3Credentials." + key + " must reference a Secret key");
            }
            check(!store.path("wal").path("compression").asText().isEmpty(), where + ": WAL archive compression");
            check(backup.path("retentionPolicy").asText().matches("^[1-9][0-9]*[dwm]$"), where + ": a retentionPolicy (e.g. 30d)");
            String serverName = store.path("serverName").asText(name);
            check(serverNames.add(store.path("destinationPath").asText() + serverName),
                    where + ": serverName " + serverName + " shared with another cluster in the same bucket");
            check(schedules.size() == 1, where + ": expected exactly one ScheduledBackup, found " + schedules.size());
            for (ObjectNode s : schedules) {
                String sw = "ScheduledBackup " + Kustomize.name(s);
                JsonNode spec = s.path("spec");
                check("barmanObjectStore".equals(spec.path("method").asText("barmanObjectStore")), sw + ": method must be barmanObjectStore (what the cluster configures)");
                check(!spec.path("suspend").asBoolean(false), sw + ": suspended");
                check(atLeastDaily(spec.path("schedule").asText()), sw + ": schedule '" + spec.path("schedule").asText()
                        + "' must be a 6-field CloudNativePG cron (seconds first) running at least daily");
            }
        }
        for (ObjectNode s : m.cnpg("ScheduledBackup")) {
            String cluster = s.path("spec").path("cluster").path("name").asText();
            check(m.cnpg("Cluster").stream().anyMatch(c -> cluster.equals(Kustomize.name(c))), "ScheduledBackup " + Kustomize.name(s) + ": no Cluster " + cluster);
        }
    }

    /**
     * CloudNativePG's cron has SIX fields (seconds minutes hours day-of-month month day-of-week, robfig/cron): a
     * Kubernetes-style 5-field schedule would shift every field by one. At least daily = fixed second and minute,
     * any hour list, every day of every month.
     */
    static boolean atLeastDaily(String schedule) {
        String[] f = schedule.trim().split("\\s+");
        if (f.length != 6) {
            return false;
        }
        boolean fixedTime = f[0].matches("[0-5]?[0-9]") && f[1].matches("[0-5]?[0-9]") && f[2].matches("(\\*|[01]?[0-9]|2[0-3])(,([01]?[0-9]|2[0-3]))*");
        return fixedTime && "*".equals(f[3]) && "*".equals(f[4]) && ("*".equals(f[5]) || "?".equals(f[5]));
    }

    @Test
    void theScheduleCheckRefusesWeeklyAndFiveFieldSchedules() {
        assertTrue(atLeastDaily("0 0 2 * * *"));
        assertTrue(atLeastDaily("0 30 2,14 * * *"));
        assertFalse(atLeastDaily("0 2 * * *"), "5 fields: Kubernetes CronJob style, every field shifted");
        assertFalse(atLeastDaily("0 0 2 * * 0"), "weekly");
        assertFalse(atLeastDaily("0 0 2 1 * *"), "monthly");
    }

    // ------------------------------------------------------------------------------------------ ingress

    /** The path prefix of deal-service's webhook resource (its class-level @Path). */
    static String webhookPrefix() {
        Matcher m = Pattern.compile("@Path\\(\"([^\"]+)\"\\)(\\s*@\\w+(\\([^)]*\\))?)*\\s*public class CrmWebhookResource")
                .matcher(Repo.read(Repo.path("deal-service/src/main/java/io/partnerflow/deal/api/CrmWebhookResource.java")));
        if (!m.find()) {
            throw new IllegalStateException("@Path of CrmWebhookResource not found");
        }
        return m.group(1);
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheWebhooksAndThePortalArePublicAndOnlyOverTls(String overlay) {
        Manifests m = render(overlay);
        errors.addAll(m.errors);
        String webhooks = webhookPrefix();
        boolean webhooksExposed = false;
        boolean portalExposed = false;
        String runbook = Repo.read(Repo.path("docs/runbook.md"));
        for (Ingress i : m.all(Ingress.class)) {
            String where = "Ingress " + i.getMetadata().getName();
            Map<String, String> ann = i.getMetadata().getAnnotations() == null ? Map.of() : i.getMetadata().getAnnotations();
            check(i.getSpec().getIngressClassName() != null, where + ": ingressClassName");
            check(ann.containsKey("cert-manager.io/cluster-issuer"), where + ": certificate from cert-manager (annotation cert-manager.io/cluster-issuer)");
            check("true".equals(ann.get("nginx.ingress.kubernetes.io/force-ssl-redirect")), where + ": HTTP must be redirected to HTTPS");
            Set<String> tlsHosts = new TreeSet<>();
            for (IngressTLS tls : i.getSpec().getTls()) {
                check(tls.getSecretName() != null && !tls.getSecretName().isEmpty(), where + ": tls entry without secretName");
                tlsHosts.addAll(tls.getHosts());
            }
            check(i.getSpec().getDefaultBackend() == null, where + ": no defaultBackend (it would expose a service on any path)");
            for (IngressRule rule : i.getSpec().getRules()) {
                check(rule.getHost() != null && tlsHosts.contains(rule.getHost()), where + ": host " + rule.getHost() + " is not covered by its tls section");
                for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                    String svc = p.getBackend().getService().getName();
                    Integer port = p.getBackend().getService().getPort().getNumber();
                    String route = where + " " + rule.getHost() + p.getPath() + " → " + svc + ":" + port;
                    check(Set.of("Prefix", "Exact").contains(p.getPathType()), route + ": pathType Prefix or Exact (no controller-specific regex)");
                    if ("deal-service".equals(svc) && webhooks.equals(p.getPath())) {
                        webhooksExposed = true;
                        check(port == Repo.httpPort("deal-service"), route + ": not deal-service's HTTP port");
                        check(!ann.containsKey("nginx.ingress.kubernetes.io/auth-url"), route + ": CRMs cannot sign in; webhooks authenticate by signature");
                    } else if ("portal".equals(svc) && "/".equals(p.getPath())) {
                        portalExposed = true;
                        check(port == 8080, route + ": not the portal's port 8080");
                        check(ann.containsKey("nginx.ingress.kubernetes.io/auth-url") && ann.containsKey("nginx.ingress.kubernetes.io/auth-signin")
                                        && "Authorization".equals(ann.get("nginx.ingress.kubernetes.io/auth-response-headers")),
                                route + ": the portal is reached only through the OIDC proxy (auth-url, auth-signin, Authorization passed on)");
                    } else if (OIDC_PROXY.equals(svc) && "/oauth2".equals(p.getPath())) {
                        check(!ann.containsKey("nginx.ingress.kubernetes.io/auth-url"), route + ": the proxy's own endpoints must not require the proxy");
                        check(runbook.contains("Service `" + OIDC_PROXY + "`"), route + ": " + OIDC_PROXY + " is not deployed here and must be documented in docs/runbook.md");
                    } else {
                        errors.add(route + ": only " + webhooks + " (deal-service), / (portal) and /oauth2 (" + OIDC_PROXY + ") are public");
                    }
                    if (!OIDC_PROXY.equals(svc)) {
                        Service s = m.one(Service.class, svc);
                        check(s != null && s.getSpec().getPorts().stream().anyMatch(sp -> port != null && sp.getPort() == port.intValue()),
                                route + ": no Service " + svc + " with port " + port);
                    }
                }
            }
        }
        check(webhooksExposed, "no Ingress routes " + webhooks + " to deal-service");
        check(portalExposed, "no Ingress routes / to the portal");
        failOnErrors("deploy/kubernetes/overlays/" + overlay + " Ingress");
    }
}
