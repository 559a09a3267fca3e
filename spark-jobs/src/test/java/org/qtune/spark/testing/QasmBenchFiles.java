package org.qtune.spark.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.qasm.QasmException;
import org.qtune.circuit.qasm.QasmReader;

/** The unitary circuits of ../shared/qasmbench/small; tests using them skip when it is absent. */
public final class QasmBenchFiles {
    private QasmBenchFiles() {
    }

    public static List<Circuit> loadableCircuits() throws IOException {
        String shared = System.getProperty("qtune.shared.dir", System.getenv("QTUNE_SHARED_DIR"));
        Path dir = shared == null ? null : Path.of(shared, "qasmbench", "small");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "../shared/qasmbench not found: skipping");
        List<Circuit> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".qasm")).sorted().toList()) {
                try {
                    out.add(QasmReader.read(f));
                } catch (QasmException rejected) {
                    // non-unitary or malformed: the core's QASMBench tests cover these
                }
            }
        }
        return out;
    }
}
