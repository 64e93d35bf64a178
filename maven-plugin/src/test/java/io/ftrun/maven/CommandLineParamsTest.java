package io.ftrun.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineParamsTest {
    @Test
    void itemsAreSeparatedByWhitespaceAndTheValueIsWhatFollowsTheFirstEquals() throws Exception {
        assertEquals(Map.of("port", "9999", "dir", "in box", "expr", "a=b", "empty", ""),
                CommandLineParams.parse("  -Pport=9999\t'-Pdir=in box'  -Pexpr=a=b -Pempty=  "));
        assertEquals(List.of("port", "dir", "expr", "empty"),
                List.copyOf(CommandLineParams.parse("-Pport=1 -Pdir=x -Pexpr=y -Pempty=").keySet()));
    }

    @Test
    void quotesGroupWhatTheyHoldWhereverTheyAre() throws Exception {
        assertEquals(List.of("-Pnote=two words", "-Pq=it's", "-Pempty="),
                CommandLineParams.split("-Pnote=\"two words\" -Pq=\"it's\" -Pempty=''"));
        assertEquals(List.of(""), CommandLineParams.split("''"));
    }

    @Test
    void nothingGivenIsNoParameters() throws Exception {
        assertTrue(CommandLineParams.parse(null).isEmpty());
        assertTrue(CommandLineParams.parse(" \t ").isEmpty());
    }

    @Test
    void anythingButPNameEqualsValueIsRefusedByName() {
        for (String bad : new String[] {"port=9999", "-Pport", "-P=9999", "--static", "-P", "-D x=1"}) {
            MojoFailureException e = assertThrows(MojoFailureException.class, () -> CommandLineParams.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("ftrun: -Dftrun.args takes -Pname=value items"), e.getMessage());
        }
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> CommandLineParams.parse("'-Pa=b"));
        assertEquals("ftrun: -Dftrun.args has an unclosed ': '-Pa=b", e.getMessage());
    }
}
