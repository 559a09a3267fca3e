package org.qtune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees when the package client that fetches a corpus is missing or fails: one line. */
class ArchivesTest {
    @Test
    void aMissingProgramIsOneLineThatSaysItIsNeeded(@TempDir Path tmp) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Archives.run(tmp, "npm pack x", "qtune-no-such-program", "pack", "x"));
        assertTrue(e.getMessage().startsWith("npm pack x: cannot run qtune-no-such-program ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("it is needed to fetch this data"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aFailingCommandGivesItsExitCodeAndLastLine(@TempDir Path tmp) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Archives.run(tmp, "npm pack x", "sh", "-c",
                        "echo working; echo 'npm error 404 Not Found' >&2; exit 3"));
        assertEquals("npm pack x: 'sh -c echo working; echo 'npm error 404 Not Found' >&2; exit 3' exited with 3:"
                + " npm error 404 Not Found", e.getMessage());
    }
}
