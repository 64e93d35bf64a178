package io.ftrun.core.files;

import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.event.Event;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several receivers (instances behind a load balancer) writing into one shared directory: each numbers its own
 * names, none is confused by the others' files, and no two ever propose the same name.
 */
class InstanceNamingTest {
    @TempDir
    Path shared;

    private NameRequest req(String instance) {
        return new NameRequest(shared, new InetSocketAddress("127.0.0.1", 40000), null, -1, 1, Instant.parse("2025-03-04T05:06:07.089Z"),
                FileProtocol.RAW, instance);
    }

    @Test
    void threeReceiversShareOneDirectoryConcurrentlyWithoutCollisionsOrConfusion() throws Exception {
        // Other instances' files, and one whose identity starts like rx-1's, must not move rx-1's numbering.
        Files.writeString(shared.resolve("file_rx-2_500.bin"), "seed");
        Files.writeString(shared.resolve("file_rx-10_900.bin"), "seed");
        Files.writeString(shared.resolve("file_7.bin"), "seed");
        List<Event> events = new CopyOnWriteArrayList<>();
        List<Server> receivers = new ArrayList<>();
        int uploads = 240;
        try {
            for (String instance : List.of("rx-1", "rx-2", "rx-3")) {
                FileReceiverConfig files = FileReceiverConfig.builder().directory(shared).instance(instance)
                        .naming(NamingPolicies.counter("file_%d.bin")).build();
                receivers.add(Server.start(Local.server(FileReceiver.handler(files)).name(instance).listener(events::add).build()));
            }
            ExecutorService clients = Executors.newFixedThreadPool(24);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                int n = i;
                done.add(clients.submit(() -> {
                    try (Socket s = Local.socket(receivers.get(n % 3))) {
                        OutputStream out = s.getOutputStream();
                        out.write(("upload " + n + " ").repeat(1 + n % 50).getBytes(StandardCharsets.UTF_8));
                        s.shutdownOutput();
                        return s.getInputStream().read(); // the receiver closes once the file is stored
                    }
                }));
            }
            for (Future<?> f : done) f.get();
            clients.shutdown();
            long received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((received = events.stream().filter(e -> e instanceof FileEvents.FileReceived).count()) < uploads && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(uploads, received);
        } finally {
            for (Server s : receivers) s.close();
        }

        Map<String, String> stored = new HashMap<>();
        try (Stream<Path> s = Files.list(shared)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).collect(Collectors.toList())) {
                stored.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertEquals(uploads + 3, stored.size(), "every upload under its own name, the seeds untouched");
        Set<String> contents = new TreeSet<>();
        for (int i = 0; i < uploads; i++) contents.add(("upload " + i + " ").repeat(1 + i % 50));
        Set<String> storedContents = stored.values().stream().filter(c -> !c.equals("seed")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(contents, storedContents, "each upload stored intact, none overwritten by another instance");
        // Numbering per instance: contiguous from its own highest number, no number skipped (no contention).
        assertEquals(names("rx-1", 1, 80), names(stored, "rx-1"), "rx-1 ignores rx-10's file_rx-10_900.bin");
        assertEquals(names("rx-2", 501, 580), names(stored, "rx-2"), "rx-2 continues after its own 500");
        assertEquals(names("rx-3", 1, 80), names(stored, "rx-3"));
    }

    private static Set<String> names(String instance, int from, int to) {
        Set<String> s = new TreeSet<>();
        for (int i = from; i <= to; i++) s.add("file_" + instance + "_" + i + ".bin");
        return s;
    }

    private static Set<String> names(Map<String, String> stored, String instance) {
        return stored.keySet().stream().filter(n -> n.startsWith("file_" + instance + "_") && !stored.get(n).equals("seed"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void timestampAndTemplateNamesCarryTheInstance() throws Exception {
        assertEquals("scan_rx-1_20250304.pdf", NamingPolicies.timestamp("scan_%s.pdf", "yyyyMMdd").propose(req("rx-1"), 0));
        assertEquals("scan_20250304.pdf", NamingPolicies.timestamp("scan_%s.pdf", "yyyyMMdd").propose(req(null), 0));
        Files.writeString(shared.resolve("rx-2-50.dat"), "another instance's");
        Files.writeString(shared.resolve("rx-1-4.dat"), "ours, from before a restart");
        NamingPolicy t = NamingPolicies.template("{instance}-{counter}.dat");
        assertTrue(t.requiresInstance());
        assertEquals("rx-1-5.dat", t.propose(req("rx-1"), 0));
        assertEquals("rx-2-51.dat", t.propose(req("rx-2"), 0), "one policy shared by two instances counts each apart");
        assertEquals("rx-3-1.dat", t.propose(req("rx-3"), 0));
    }

    @Test
    void anInstanceMustBeAFileNameFragmentAndInstanceTemplatesNeedOne() {
        for (String bad : List.of("", "a/b", "..", "-x", "a b", "x%d", "r".repeat(65))) {
            assertThrows(IllegalArgumentException.class, () -> FileReceiverConfig.builder().instance(bad), bad);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> FileReceiverConfig.builder().directory(shared)
                .naming(NamingPolicies.template("{instance}_{counter}")).build());
        assertEquals("naming policy template({instance}_{counter}) uses {instance}, but the receiver has no instance identity:"
                + " set one, e.g. instance(\"rx-1\")", e.getMessage());
    }
}
