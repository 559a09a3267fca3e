package org.qtune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qtune.testing.Layering;
import org.qtune.testing.Layering.Source;

/**
 * Core's packages depend on one another only as the dependency table of docs/ARCHITECTURE.md allows
 * (the table is parsed from that file: it is the one copy), and core uses no Spark. The checker itself
 * is tested on made-up sources so that a forbidden arrow is known to fail the test.
 */
class LayeringTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Set<String> SPARK_ONLY = Set.of("spark", "hadoop", "kryo");

    private static Layering.Rules rules() throws IOException {
        return Layering.read(Layering.architectureFile(MODULE));
    }

    private static List<Source> coreSources() throws IOException {
        return Layering.sources(MODULE.resolve("src/main/java"), MODULE);
    }

    @Test
    void everyArrowBetweenCorePackagesIsInTheDependencyTable() throws IOException {
        List<Source> sources = coreSources();
        assertTrue(sources.size() > 100, "found the sources: " + sources.size());
        List<String> violations = Layering.violations(rules(), sources);
        assertTrue(violations.isEmpty(), "arrows and packages that docs/ARCHITECTURE.md's dependency table does not"
                + " allow:\n" + String.join("\n", violations));
    }

    @Test
    void theDependencyTableHasNoCycle() throws IOException {
        List<String> cycles = Layering.cycles(rules());
        assertTrue(cycles.isEmpty(), "cycles in the dependency table:\n" + String.join("\n", cycles));
    }

    @Test
    void theTableGivesNoCorePackageSparkOrASparkPackage() throws IOException {
        List<String> wrong = new ArrayList<>();
        rules().mayUse().forEach((pkg, uses) -> {
            if (!pkg.startsWith("spark.")) {
                for (String u : uses) {
                    if (SPARK_ONLY.contains(u) || u.startsWith("spark.")) {
                        wrong.add(pkg + " -> " + u);
                    }
                }
            }
        });
        assertTrue(wrong.isEmpty(), "core packages must stay free of Spark: " + wrong);
    }

    /** Independent of the table: no Spark or Scala name anywhere in core's code. */
    @Test
    void noCoreSourceImportsOrNamesSparkOrScala() throws IOException {
        Pattern spark = Pattern.compile("(?<![\\w.])(org\\.apache\\.spark|scala)\\.[A-Za-z_]");
        List<String> found = new ArrayList<>();
        for (Source s : coreSources()) {
            Matcher m = spark.matcher(Layering.codeOnly(s.text()));
            if (m.find()) {
                found.add(s.path() + ": " + m.group(1));
            }
        }
        assertTrue(found.isEmpty(), "core must not use Spark or Scala: " + found);
    }

    // ------------------------------------------------------------------ the checker on made-up sources

    private static final String TABLE = """
            # doc

            ## Dependency table (enforced by LayeringTest)

            | package | may use |
            | --- | --- |
            | `circuit` | |
            | `circuit.qasm` | `circuit` |
            | `sim` | `circuit` |
            | `grad` | `circuit`, `sim` |
            | `io` | `circuit` |
            | `optim` | `commons-math` |

            | library | Java packages |
            | --- | --- |
            | `commons-math` | `org.apache.commons.math3` |
            | `spark` | `org.apache.spark`, `scala` |

            ## Next section
            | not | a table of ours |
            """;

    private static Source file(String path, String text) {
        return new Source(path, text);
    }

    @Test
    void aForbiddenImportFailsWithItsArrowAndFile() {
        List<String> v = Layering.violations(Layering.parse(TABLE), List.of(
                file("org/qtune/sim/Evil.java", """
                        package org.qtune.sim;

                        import java.util.List;
                        import org.qtune.circuit.Circuit;
                        import org.qtune.grad.Gradient;

                        class Evil {
                        }
                        """),
                file("org/qtune/grad/Fine.java", """
                        package org.qtune.grad;

                        import static org.qtune.sim.Measurements.norm;
                        import org.qtune.circuit.PauliSum.Term;

                        class Fine {
                        }
                        """)));
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("sim -> grad") && v.get(0).contains("org/qtune/sim/Evil.java:5"), v.get(0));
    }

    @Test
    void aFullyQualifiedNameInCodeIsAnArrowButOneInACommentOrStringIsNot() {
        List<String> v = Layering.violations(Layering.parse(TABLE), List.of(file("org/qtune/circuit/qasm/W.java", """
                package org.qtune.circuit.qasm;

                /** Saved with {@link org.qtune.io.AtomicFiles}. */
                final class W {
                    // org.qtune.sim.Simulator is not used here
                    static final String NAME = "org.qtune.grad.Gradient";

                    static void save(java.nio.file.Path f, String s) throws java.io.IOException {
                        org.qtune.io.AtomicFiles.writeString(f, s);
                    }
                }
                """)));
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("circuit.qasm -> io") && v.get(0).contains("W.java:9"), v.get(0));
    }

    @Test
    void aStaticImportAndAWildcardImportAreArrows() {
        List<String> v = Layering.violations(Layering.parse(TABLE), List.of(file("org/qtune/circuit/C.java", """
                package org.qtune.circuit;

                import static org.qtune.sim.Measurements.norm;
                import org.qtune.io.*;

                class C {
                }
                """)));
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).contains("circuit -> io") || v.get(1).contains("circuit -> io"), v.toString());
        assertTrue(v.get(0).contains("circuit -> sim") || v.get(1).contains("circuit -> sim"), v.toString());
    }

    @Test
    void aPackageMissingFromTheTableFailsWithAMessageToAddIt() {
        List<String> v = Layering.violations(Layering.parse(TABLE), List.of(
                file("org/qtune/train/Loop.java", "package org.qtune.train;\n\nimport org.qtune.optim.Adam;\n\nclass Loop {\n}\n"),
                file("org/qtune/optim/Adam.java", "package org.qtune.optim;\n\nimport org.qtune.train.Loop;\n\nclass Adam {\n}\n")));
        assertTrue(v.stream().anyMatch(s -> s.startsWith("package train is not in the dependency table")
                && s.contains("add it to the table")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("optim -> train") && s.contains("add it to the table")),
                v.toString());
    }

    @Test
    void sparkInACorePackageAndAnUnknownLibraryFail() {
        List<String> v = Layering.violations(Layering.parse(TABLE), List.of(
                file("org/qtune/sim/S.java", """
                        package org.qtune.sim;

                        import org.apache.spark.api.java.JavaRDD;
                        import com.example.Thing;

                        class S {
                            scala.Tuple2<String, String> pair;
                            org.apache.commons.math3.util.FastMath m;
                        }
                        """)));
        assertTrue(v.stream().anyMatch(s -> s.contains("sim -> spark") && s.contains("S.java:3")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("sim -> spark") && s.contains("S.java:7")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("sim -> commons-math") && s.contains("S.java:8")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.startsWith("unknown library: sim -> com.example.Thing")), v.toString());
    }

    @Test
    void aFileOutsideItsPackagesFolderIsReported() {
        List<String> v = Layering.violations(Layering.parse(TABLE), List.of(
                file("org/qtune/sim/Misplaced.java", "package org.qtune.grad;\nclass Misplaced {\n}\n")));
        assertEquals(List.of("org/qtune/sim/Misplaced.java: declares package org.qtune.grad but lies in org/qtune/sim"),
                v);
    }

    @Test
    void aCycleInTheTableIsFound() {
        String cyclic = TABLE.replace("| `circuit` | |", "| `circuit` | `grad` |");
        // circuit -> grad directly, and through grad -> sim -> circuit
        assertEquals(List.of("circuit -> grad -> circuit", "circuit -> grad -> sim -> circuit"),
                Layering.cycles(Layering.parse(cyclic)));
        assertTrue(Layering.cycles(Layering.parse(TABLE)).isEmpty());
    }

    @Test
    void aRowNamingSomethingTheTablesDoNotDefineIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layering.parse(TABLE.replace("| `io` | `circuit` |", "| `io` | `circuit`, `circiut` |")));
        assertTrue(e.getMessage().contains("'circiut'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layering.parse("# no table here\n"));
    }

    @Test
    void theTableIsReadFromItsSectionOnly() {
        Layering.Rules r = Layering.parse(TABLE);
        assertEquals(List.of("circuit", "circuit.qasm", "sim", "grad", "io", "optim"), List.copyOf(r.mayUse().keySet()));
        assertEquals(List.of("org.apache.spark", "scala"), r.libraries().get("spark"));
        assertFalse(r.isPackage("not"));
    }
}
