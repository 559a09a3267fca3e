package org.qtune.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.testing.Layering;
import org.qtune.testing.Layering.Source;

/**
 * The spark packages depend on one another, on core's packages and on libraries only as the
 * dependency table of docs/ARCHITECTURE.md allows: the same table and checker as core's
 * {@code org.qtune.LayeringTest}, run on this module's main sources.
 */
class LayeringTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

    private static Layering.Rules rules() throws IOException {
        return Layering.read(Layering.architectureFile(MODULE));
    }

    private static List<Source> sparkSources() throws IOException {
        return Layering.sources(MODULE.resolve("src/main/java"), MODULE);
    }

    @Test
    void everyArrowOfTheSparkPackagesIsInTheDependencyTable() throws IOException {
        List<Source> sources = sparkSources();
        assertTrue(sources.size() > 30, "found the sources: " + sources.size());
        List<String> violations = Layering.violations(rules(), sources);
        assertTrue(violations.isEmpty(), "arrows and packages that docs/ARCHITECTURE.md's dependency table does not"
                + " allow:\n" + String.join("\n", violations));
    }

    @Test
    void everySourceOfThisModuleIsInASparkPackage() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Source s : sparkSources()) {
            String pkg = Layering.packageOf(s);
            if (pkg == null || !pkg.startsWith("org.qtune.spark.")) {
                outside.add(s.path() + ": " + pkg);
            }
        }
        assertTrue(outside.isEmpty(), "spark-jobs holds org.qtune.spark.* only: " + outside);
    }

    @Test
    void theDependencyTableHasNoCycle() throws IOException {
        List<String> cycles = Layering.cycles(rules());
        assertTrue(cycles.isEmpty(), "cycles in the dependency table:\n" + String.join("\n", cycles));
    }
}
