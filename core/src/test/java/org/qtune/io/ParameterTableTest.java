package org.qtune.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;

class ParameterTableTest {
    static final Circuit C = Circuit.builder(2).add(Gate.RX, Parameter.of("a"), 0).add(Gate.RY, Parameter.of("b"), 1).build();

    @Test
    void rowsAreReorderedIntoTheCircuitsParameterOrder() {
        ParameterTable t = ParameterTable.parse("b, a\n0.5, 1\n\n-2e-1,3\n", "rows.csv");
        assertEquals(List.of("b", "a"), t.names());
        double[][] rows = t.forCircuit(C, "rows.csv");
        assertArrayEquals(new double[] {1, 0.5}, rows[0], 0.0);
        assertArrayEquals(new double[] {3, -0.2}, rows[1], 0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                     | rows.csv: empty",
        "'a,b'                  | rows.csv: no rows after the header",
        "'a,,b\\n1,2,3'         | rows.csv:1: empty column name",
        "'a,a\\n1,2'            | rows.csv:1: column 'a' appears twice",
        "'a,b\\n1,2\\n3'        | rows.csv:3: 1 values, the header has 2 columns",
        "'a,b\\n1,x'            | rows.csv:2: 'x' in column 'b' is not a number",
        "'a,b\\n1,NaN'          | rows.csv:2: 'NaN' in column 'b' is not finite"})
    void badTablesNameTheLine(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterTable.parse(text == null ? "" : text.replace("\\n", "\n"), "rows.csv"));
        assertEquals(message, e.getMessage().substring(0, Math.min(e.getMessage().length(), message.length())));
    }

    @Test
    void aHeaderThatDoesNotNameTheCircuitsParametersIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterTable.parse("a,c\n1,2", "rows.csv").forCircuit(C, "rows.csv"));
        assertEquals("rows.csv:1: the circuit has no parameter 'c'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParameterTable.parse("a\n1", "rows.csv").forCircuit(C, "rows.csv"));
        assertEquals("rows.csv:1: no column for the circuit's parameter 'b'", e.getMessage());
    }

    @Test
    void invalidBytesAreReportedWithTheFileAndLineAndAByteOrderMarkIsSkipped(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("rows.csv");
        Files.write(bad, new byte[] {'a', ',', 'b', '\n', '1', ',', '2', '\n', '3', ',', (byte) 0xFE, '\n'});
        assertEquals(bad + ":3: not valid UTF-8 (byte 0xFE at byte 3 of the line)",
                assertThrows(IllegalArgumentException.class, () -> ParameterTable.read(bad)).getMessage());
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b', '\n', '1', ',', '2', '\n'});
        assertEquals(List.of("a", "b"), ParameterTable.read(bom).names(), "the mark is not part of the first name");
    }
}
