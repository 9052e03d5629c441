package io.partnerflow.infra;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher waits for all services' ports at once: the first to exit fails the start then, whatever its place. */
class ServiceStartTest {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aServiceThatExitsFailsTheStartAtOnceEvenWhileAnEarlierOneIsStillStarting() throws Exception {
        Map<String, ServiceStart> starts = new LinkedHashMap<>();
        starts.put("slow", start("slow", "sleep 30")); // never writes its port
        starts.put("broken", start("broken", "echo 'bad configuration'; exit 3"));
        long t0 = System.nanoTime();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Launcher.awaitPorts(starts, Duration.ofSeconds(20)));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertTrue(failure.getMessage().startsWith("broken exited with 3 while starting"), failure.getMessage());
        assertTrue(failure.getMessage().contains("bad configuration"), "the log's tail says why: " + failure.getMessage());
        assertTrue(seconds < 10, "failed after " + seconds + " s, not at once");
    }

    @Test
    void theServicesPortsComeBackInTheirOrderWhateverOrderTheyListenIn() throws Exception {
        Map<String, ServiceStart> starts = new LinkedHashMap<>();
        starts.put("first", start("first", "sleep 1; echo 41001 > " + dir.resolve("first.port") + "; sleep 30"));
        starts.put("second", start("second", "echo 41002 > " + dir.resolve("second.port") + "; sleep 30"));
        Map<String, Integer> ports = Launcher.awaitPorts(starts, Duration.ofSeconds(20));
        assertEquals(List.of("first", "second"), List.copyOf(ports.keySet()));
        assertEquals(List.of(41001, 41002), List.copyOf(ports.values()));
    }

    private ServiceStart start(String name, String script) throws Exception {
        Path log = dir.resolve(name + ".log");
        Files.createFile(log);
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        started.add(p);
        return new ServiceStart(name, p, 0, dir.resolve(name + ".port"), log);
    }
}
