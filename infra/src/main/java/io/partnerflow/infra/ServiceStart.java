package io.partnerflow.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service process being started: it binds its HTTP port itself (port 0 = any free one) and writes the port it got
 * to {@code portFile} once it listens. A service that dies first is reported with its name, exit code and the last
 * lines of its log — the launcher fails fast instead of waiting for something that will never answer.
 */
record ServiceStart(String service, Process process, int requestedPort, Path portFile, Path log) {
    private static final Pattern SERVICE = Pattern.compile("\"service\"\\s*:\\s*\"([^\"]+)\"");
    private static final int TAIL_LINES = 20;

    /** The port the service listens on, once it says so. */
    int awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Integer port = portIfListening();
            if (port != null) {
                return port;
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not listen within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** The port once the service has written it, null while it is still starting; a service that exited fails here. */
    Integer portIfListening() {
        Integer port = readPort();
        if (port == null && !process.isAlive()) {
            throw new IllegalStateException(describeExit(service, process, log));
        }
        return port;
    }

    IllegalStateException failure(String what) {
        return new IllegalStateException(service + " " + what + "; last lines of " + log + ":\n" + tail(log, TAIL_LINES));
    }

    private Integer readPort() {
        try {
            String text = Files.readString(portFile, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? null : Integer.valueOf(text);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(service + " wrote an unreadable port file " + portFile, e);
        }
    }

    static String describeExit(String service, Process p, Path log) {
        return service + " exited with " + p.exitValue() + " while starting; last lines of " + log + ":\n"
                + tail(log, TAIL_LINES);
    }

    /** The service name a {@code /q/health/ready} body carries ({@code "service": "deal-service"}), or null. */
    static String serviceName(String healthBody) {
        Matcher m = SERVICE.matcher(healthBody);
        return m.find() ? m.group(1) : null;
    }

    /** The last {@code n} lines of a log, each cut at 400 characters (the services log JSON). */
    static String tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = new ArrayList<>();
            for (String line : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
                last.add("  " + (line.length() > 400 ? line.substring(0, 400) + "…" : line));
            }
            return String.join("\n", last);
        } catch (IOException e) {
            return "  (log unreadable: " + e.getMessage() + ")";
        }
    }
}
