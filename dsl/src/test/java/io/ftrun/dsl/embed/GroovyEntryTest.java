package io.ftrun.dsl.embed;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import static io.ftrun.dsl.embed.Ftrun.ftrun; ftrun { ... }} from plain Groovy code, compiled by the Groovy
 * on the classpath as a build tool's script engine would: dynamic, and statically compiled against the
 * {@code @DelegatesTo} annotations.
 */
@Timeout(60)
class GroovyEntryTest {
    @TempDir
    Path dir;

    private Object evaluate(String code) {
        Binding b = new Binding();
        b.setVariable("dir", dir.toString());
        return new GroovyShell(GroovyEntryTest.class.getClassLoader(), b).evaluate(code, "Build.groovy");
    }

    @Test
    void aClosureBodyIsAScriptBodyAndSeesItsOwnersNamesToo() throws Exception {
        Object files = evaluate("""
                import static io.ftrun.dsl.embed.Ftrun.ftrun
                import java.nio.file.*

                String artifactName() { 'app.jar' }                  // the owner's method, reached from inside ftrun { }
                Path jar = Files.write(Path.of(dir, artifactName()), new byte[4096])

                def report = ftrun(dir: dir) {
                    def inbox = server('inbox') {
                        host '127.0.0.1'
                        port 0
                        receiveFiles { into "${params.dir}/inbox"; naming original() ; protocol 'framed' }
                    }
                    client {
                        connect inbox
                        protocol 'framed'
                        sendFile jar.toString()
                    }
                    afterClients { results -> log.info "sent ${results*.files.flatten()}" }
                }
                report.server('inbox').files
                """);
        assertEquals(java.util.List.of("app.jar"), files);
        assertEquals(4096, Files.size(dir.resolve("inbox/app.jar")));
    }

    @Test
    void staticallyCompiledBuildCodeTypeChecksAgainstTheDelegatesToAnnotations() throws Exception {
        Object bytes = evaluate("""
                import static io.ftrun.dsl.embed.Ftrun.ftrun
                import groovy.transform.CompileStatic
                import io.ftrun.dsl.embed.RunReport
                import java.nio.file.*

                @CompileStatic
                long upload(String dir) {
                    Path file = Files.write(Path.of(dir, 'data.bin'), new byte[10_000])
                    RunReport r = ftrun(dir: dir, file: file) {
                        def inbox = server('inbox') {
                            host '127.0.0.1'
                            port 0
                            receiveFiles { into params.dir + '/in'; naming counter('f_%d.bin') }
                        }
                        clients(2) {
                            connect inbox
                            sendFile params.file
                        }
                    }
                    r.server('inbox').bytesIn()
                }
                upload(dir)
                """);
        assertEquals(20_000L, bytes);
    }

    @Test
    void aFailedTransferThrowsSoTheBuildFailsAndErrorsNameTheCallersFile() {
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> evaluate("""
                import static io.ftrun.dsl.embed.Ftrun.ftrun
                ftrun {
                    client { connect '127.0.0.1', 1; send 'x' }
                }
                """));
        assertTrue(e.getMessage().matches("(?s).*Build.groovy(:\\d+)?: client 'client' connect: cannot connect.*"), e.getMessage());
        FtrunException bad = assertThrows(FtrunException.class, () -> evaluate("""
                import static io.ftrun.dsl.embed.Ftrun.ftrun
                ftrun {
                    server { port 0 }
                }
                """));
        assertEquals("Build.groovy:3: server 'server' has no handler: add one of echo, reply, greet, chat, receiveFiles or handle",
                bad.getMessage());
    }
}
