package io.partnerflow.platform.lifecycle;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * For local runs only: when the launcher that started this service dies without stopping it (SIGKILL, a crashed
 * terminal), the service shuts itself down instead of living on as an orphan holding its port. The launcher passes
 * its pid as {@code partnerflow.parent-pid}; unset (Kubernetes, tests) = no watch.
 */
@ApplicationScoped
public class ParentWatch {
    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    void onStart(@Observes StartupEvent ev, @ConfigProperty(name = "partnerflow.parent-pid") Optional<Long> parentPid) {
        parentPid.flatMap(ProcessHandle::of).ifPresent(parent -> parent.onExit().thenRun(() -> {
            LOG.warnf("the launcher (pid %d) is gone: shutting down", parent.pid());
            Quarkus.asyncExit(0);
        }));
    }
}
