package io.ftrun.dsl.cli;

import io.ftrun.dsl.ChatSpec;
import io.ftrun.dsl.ClientSpec;
import io.ftrun.dsl.ConnectionSpec;
import io.ftrun.dsl.FtrunScript;
import io.ftrun.dsl.GreetSpec;
import io.ftrun.dsl.HealthSpec;
import io.ftrun.dsl.PluginsSpec;
import io.ftrun.dsl.ReceiveFilesSpec;
import io.ftrun.dsl.ServerSpec;
import io.ftrun.dsl.ServerTlsSpec;
import io.ftrun.dsl.TlsSpec;
import io.ftrun.dsl.ClientTlsSpec;
import io.ftrun.core.support.TestPki;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every DSL method is shown by an example that runs: each script under {@code src/test/resources/examples}
 * checks its own results in {@code afterClients} and is run here through the real command line, plain and
 * type-checked. A header {@code // expect-exit: N} / {@code // expect-error: text} marks an example that must fail.
 */
class DslExamplesTest {
    static final Path EXAMPLES = Path.of("src/test/resources/examples");
    private static final Pattern EXPECT_EXIT = Pattern.compile("// expect-exit: (\\d+)");
    private static final Pattern EXPECT_ERROR = Pattern.compile("// expect-error: (.+)");

    static List<Path> examples() throws Exception {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".groovy")).sorted().collect(Collectors.toList());
        }
    }

    /** Runs the command line in this JVM; returns exit code, stdout, stderr. */
    static String[] ftrun(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new String[]{String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @TestFactory
    List<DynamicTest> everyExampleRuns() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : examples()) {
            for (boolean typeChecked : new boolean[]{false, true}) {
                tests.add(DynamicTest.dynamicTest(example.getFileName() + (typeChecked ? " --static" : ""), () -> {
                    String text = Files.readString(example);
                    Matcher exit = EXPECT_EXIT.matcher(text);
                    Matcher error = EXPECT_ERROR.matcher(text);
                    int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
                    // -Ppki: throw-away certificates for the TLS examples, made for this test run (never committed)
                    // each example gets the parameters it reads (one that declares params { } refuses others)
                    List<String> args = new ArrayList<>(List.of("--no-cache"));
                    if (text.contains("params.greeting")) args.add("-Pgreeting=hey");
                    if (text.contains("params.pki")) args.add("-Ppki=" + TestPki.get().dir());
                    if (typeChecked) args.add("--static");
                    args.add(example.toString());
                    String[] r = ftrun(args.toArray(new String[0]));
                    assertEquals(expected, Integer.parseInt(r[0]), "exit code; stderr:\n" + r[2] + "\nstdout:\n" + r[1]);
                    if (error.find()) assertTrue(r[2].contains(error.group(1).trim()), "stderr should contain the located error:\n" + r[2]);
                }));
            }
        }
        return tests;
    }

    /** Each public DSL method name appears in at least one example. */
    @Test
    void everyDslMethodHasAnExample() throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path p : examples()) all.append(Files.readString(p)).append('\n');
        Set<String> missing = new TreeSet<>();
        for (Class<?> spec : List.of(FtrunScript.class, ServerSpec.class, ClientSpec.class, ReceiveFilesSpec.class, io.ftrun.dsl.ServeFilesSpec.class,
                GreetSpec.class, ChatSpec.class, PluginsSpec.class, io.ftrun.dsl.ParamsSpec.class, ConnectionSpec.class, TlsSpec.class, ServerTlsSpec.class, ClientTlsSpec.class, HealthSpec.class)) {
            for (Method m : spec.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) continue;
                String name = m.getName();
                if (Set.of("init", "run", "methodMissing", "name", "blockName").contains(name)) continue;
                String word = name.startsWith("get") && m.getParameterCount() == 0
                        ? Character.toLowerCase(name.charAt(3)) + name.substring(4) : name;
                if (!Pattern.compile("\\b" + word + "\\b").matcher(all).find()) missing.add(spec.getSimpleName() + "." + name);
            }
        }
        assertEquals(Set.of(), missing, "DSL methods without an example in " + EXAMPLES + ": " + Arrays.toString(missing.toArray()));
    }
}
