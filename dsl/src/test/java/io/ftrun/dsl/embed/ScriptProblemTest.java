package io.ftrun.dsl.embed;

import io.ftrun.dsl.ScriptProblem;
import io.ftrun.dsl.ScriptProblem.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every problem a script or its run has reaches the embedding program as a {@link ScriptProblem}: its line, block,
 * code and cause survive instead of being flattened into a string at the first step (issue 13, section 6).
 */
@Timeout(60)
class ScriptProblemTest {
    private static List<ScriptProblem> declarationProblems(String name, String text) {
        FtrunException e = assertThrows(FtrunException.class, () -> Ftrun.text(name, text).run());
        assertFalse(e.problems().isEmpty(), e::toString);
        return e.problems();
    }

    @Test
    void aCompileErrorKeepsItsLineAndCode() {
        ScriptProblem p = declarationProblems("broken.groovy", "server {\n    port 0\n    echo(\n").get(0);
        assertEquals(Code.COMPILE, p.code());
        assertEquals("broken.groovy", p.file());
        assertTrue(p.line() > 0, p::located); // Groovy places an unclosed call at the block it opened in
    }

    @Test
    void aTypoIsADeclarationProblemAtItsLineWithASuggestion() {
        ScriptProblem p = declarationProblems("typo.groovy", "server {\n  port 0\n  rateLimt '1MB'\n  echo()\n}\n").get(0);
        assertEquals(Code.DECLARATION, p.code());
        assertEquals(3, p.line());
        assertTrue(p.message().contains("did you mean rateLimit"), p.message());
        assertEquals("typo.groovy:3: " + p.message(), p.located());
    }

    @Test
    void aServerThatCannotStartNamesItsBlock() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ScriptProblem p = declarationProblems("busy.groovy", "\nserver('inbox') {\n  host '127.0.0.1'; port " + taken.getLocalPort()
                    + "\n  echo()\n}\n").get(0);
            assertEquals(Code.START, p.code());
            assertEquals(2, p.line());
            assertEquals("server 'inbox'", p.block());
            assertTrue(p.located().startsWith("busy.groovy:2: server 'inbox': cannot listen on 127.0.0.1:"), p.located());
        }
    }

    @Test
    void afterClientsFailingIsAScriptProblemAtTheAssertion() {
        RunReport r = Ftrun.text("after.groovy", "afterClients { results ->\n  assert results.size() == 1\n}\n").run();
        assertFalse(r.ok());
        ScriptProblem p = r.problems().get(0);
        assertEquals(Code.SCRIPT, p.code());
        assertEquals(2, p.line());
        assertNull(p.block());
        assertTrue(p.message().startsWith("assertion failed: "), p.message());
        assertTrue(p.cause() instanceof AssertionError, String.valueOf(p.cause()));
    }

    @Test
    void aClientStepThatThrowsIsLocatedAtTheScriptCodeInsideTheStep() throws Exception {
        try (var listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RunReport r = Ftrun.text("step.groovy", "client {\n  connect '127.0.0.1', " + listener.getLocalPort() + "\n  send 'a'\n"
                    + "  session { conn ->\n    throw new IllegalStateException('no')\n  }\n}\n").run();
            assertEquals(1, r.clients().get(0).problems().size(), r::toString);
            ScriptProblem p = r.clients().get(0).problems().get(0);
            assertEquals(Code.CLIENT, p.code());
            assertEquals("client 'client' session", p.block());
            assertEquals(5, p.line(), "the throw inside the step, not the step's first line");
            assertEquals("step.groovy:5: client 'client' session: no", p.located());
        }
    }
}
