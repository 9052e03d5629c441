package io.partnerflow.e2e;

import io.partnerflow.testing.InfraProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command plays the demo on fresh state: here a smaller generated history (120 deals, 12 partners)
 * through the same launcher and the same code path as {@code ./run.sh}, on free ports. It must finish, print its
 * summary and leave the payout run's files (pain.001, NACHA, CSV, GL journals) and statements behind.
 */
class DemoEndToEndTest {
    @Test
    void theRunCommandPlaysTheDemoToAnApprovedPayoutRunWithItsFiles() throws Exception {
        Path work = Path.of("target", "e2e-demo").toAbsolutePath();
        Path state = work.resolve("state");
        try (InfraProcess demo = InfraProcess.startIn(InfraProcess.repoRoot(), work, List.of("run", "--free-ports", "--ephemeral",
                "--state-dir", state.toString(), "--demo", "--demo-deals", "120", "--demo-partners", "12"), 900)) {
            // a second start of the run command on free ports while the suite's shared system runs: its own URLs answer
            // as their own services, and no URL it reports is one the first start reported (twelve distinct: a launcher
            // that reported a port it did not get, or handed out one twice, fails here)
            List<String> own = LauncherStartTest.urlsOf(demo);
            LauncherStartTest.assertEachUrlAnswersAsItsOwnService(own);
            List<String> first = LauncherStartTest.urlsOf(SystemUnderTest.get().process);
            Set<String> seen = new HashSet<>(own);
            seen.addAll(first);
            assertEquals(own.size() + first.size(), seen.size(), "two running starts, twelve distinct URLs: " + own + " / " + first);
            String log = Files.readString(demo.log());
            assertTrue(Files.exists(state.resolve("demo/played")), "the demo finished:\n" + InfraProcess.tail(demo.log()));
            assertTrue(log.contains("Partnerflow demo summary"), log);
            assertTrue(log.contains("Partners per tier"), log);
            assertTrue(log.contains("approval by the same user → HTTP 403"), "maker-checker shown");
            Path run;
            try (Stream<Path> s = Files.list(state.resolve("demo"))) {
                run = s.filter(p -> p.getFileName().toString().startsWith("payout-run-")).findFirst().orElseThrow();
            }
            for (String f : List.of("items.csv", "pain001.xml", "nacha.txt", "journals.csv")) {
                assertTrue(Files.size(run.resolve(f)) > 0, f + " written");
            }
            assertTrue(Files.readString(run.resolve("pain001.xml")).contains("pain.001.001.09"));
            assertTrue(Files.readAllLines(run.resolve("nacha.txt")).stream().allMatch(l -> l.length() == 94), "NACHA records are 94 characters");
            try (Stream<Path> s = Files.list(state.resolve("demo"))) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("statements-")), "statements written");
            }
        }
    }
}
