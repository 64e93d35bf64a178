package io.ftrun.dsl.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "did you mean" vocabulary comes from the DSL's own methods, so no setting is left out. */
class SuggestionsTest {
    @Test
    void namesTheHandKeptListMissed() {
        Set<String> names = Suggestions.names();
        // each of these got no suggestion while the vocabulary was a hand-kept list
        for (String n : List.of("tls", "rateLimit", "totalRateLimit", "proxyProtocol", "health", "token", "allow", "deny",
                "instance", "keyStore", "pin", "drainFrom", "index")) {
            assertTrue(names.contains(n), n + " missing from " + names);
        }
        assertEquals("rateLimit", Suggestions.forMethod("rateLimt"));
        assertEquals("proxyProtocol", Suggestions.forMethod("proxyProtocl"));
        assertEquals("receiveFiles", Suggestions.forMethod("recieveFiles"));
    }

    @Test
    void leavesOutWhatIsNotTheDsl() {
        Set<String> names = Suggestions.names();
        for (String n : List.of("run", "getClass", "class", "metaClass", "invokeMethod", "binding", "println", "hashCode", "methodMissing", "blockName")) {
            assertTrue(!names.contains(n), n + " is not a DSL name");
        }
        assertNull(Suggestions.forMethod("zzzzzzzz"));
    }
}
