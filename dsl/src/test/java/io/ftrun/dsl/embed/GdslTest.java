package io.ftrun.dsl.embed;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IntelliJ GDSL file ships on the classpath and gives FtrunScript's members to ftrun scripts, and to nothing
 * else. IntelliJ is not here, so its GDSL calls ({@code context}, {@code contributor}, {@code delegatesTo}...)
 * are played by a few closures; the file's own logic is what runs.
 */
class GdslTest {
    private static final String HARNESS = """
            def contributors = []
            def b = new Binding(context: { Map m -> m }, scriptScope: { -> 'script' },
                    contributor: { ctx, Closure c -> contributors << [ctx, c] })
            new GroovyShell(b).evaluate(gdsl, 'ftrun.gdsl')
            assert contributors.size() == 1 && contributors[0][0].filetypes == ['groovy'] && contributors[0][0].scope == 'script'
            files.collectEntries { String name, String text ->
                def delegated = []
                def ide = new Expando(place: [containingFile: [name: name, text: text]],
                        findClass: { String n -> n }, delegatesTo: { c -> delegated << c })
                Closure c = (Closure) contributors[0][1].clone()
                c.resolveStrategy = Closure.DELEGATE_FIRST
                c.delegate = ide
                c.call()
                [name, delegated]
            }
            """;

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, List<String>> contributions(java.util.Map<String, String> files) throws Exception {
        String gdsl;
        try (InputStream in = GdslTest.class.getResourceAsStream("/io/ftrun/dsl/ftrun.gdsl")) {
            assertNotNull(in, "ftrun.gdsl is a resource of the dsl jar");
            gdsl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Binding b = new Binding();
        b.setVariable("gdsl", gdsl);
        b.setVariable("files", files);
        return (java.util.Map<String, List<String>>) new GroovyShell(b).evaluate(HARNESS, "GdslHarness.groovy");
    }

    @Test
    void everySampleGetsFtrunScriptsMembersAndOtherFilesDoNot() throws Exception {
        Path root = Path.of(System.getProperty("ftrun.root", ".."));
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        try (Stream<Path> s = Files.list(root.resolve("samples"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".groovy")).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertTrue(files.size() >= 9, files.keySet()::toString);
        files.put("build.gradle", Files.readString(root.resolve("samples/gradle/build.gradle")));
        files.put("tool.groovy", "println 'not a transfer script'\ndef server = 'x'\n");

        java.util.Map<String, List<String>> got = contributions(files);
        for (String name : files.keySet()) {
            boolean ftrun = !name.equals("build.gradle") && !name.equals("tool.groovy");
            assertEquals(ftrun ? List.of("io.ftrun.dsl.FtrunScript") : List.of(), got.get(name), name);
        }
    }
}
