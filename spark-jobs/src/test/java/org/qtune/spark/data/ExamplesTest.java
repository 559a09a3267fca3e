package org.qtune.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.spark.testing.SparkTestContext;

class ExamplesTest {
    static final SparkSession SPARK = SparkSession.builder().sparkContext(SparkTestContext.get().sc()).getOrCreate();

    @Test
    void jsonLinesAndParquetGiveTheSameExamplesInFileOrder(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            double a = 0.1 * i, b = -0.05 * i * i;
            int label = i % 2;
            lines.add(String.format(java.util.Locale.ROOT, "{\"a\": %s, \"b\": %s, \"label\": %d, \"note\": \"row %d\"}",
                    a, b, label, i));
            rows.add(RowFactory.create(a, b, label, "row " + i));
        }
        Path jsonl = dir.resolve("train.jsonl");
        Files.write(jsonl, lines, StandardCharsets.UTF_8);
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("label", DataTypes.IntegerType).add("note", DataTypes.StringType);
        Dataset<Row> df = SPARK.createDataFrame(rows, schema).coalesce(1);
        String parquet = dir.resolve("train.parquet").toUri().toString();
        df.write().parquet(parquet);

        // feature order is the order asked for, not the file's
        List<Example> fromJson = Examples.read(SPARK, jsonl.toUri().toString(), List.of("b", "a"), "label").collect();
        List<Example> fromParquet = Examples.read(SPARK, parquet, List.of("b", "a"), "label").collect();
        assertEquals(25, fromJson.size());
        for (int i = 0; i < 25; i++) {
            assertArrayEquals(new double[] {-0.05 * i * i, 0.1 * i}, fromJson.get(i).features(), 0.0, "row " + i);
            assertEquals(i % 2, fromJson.get(i).target(), 0.0);
            assertArrayEquals(fromJson.get(i).features(), fromParquet.get(i).features(), 0.0);
            assertEquals(fromJson.get(i).target(), fromParquet.get(i).target(), 0.0);
        }
    }

    @Test
    void missingTextualOrNullColumnsAndUnknownFormatsAreClearErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"a\": 1.0, \"s\": \"x\", \"y\": 1}\n{\"a\": 2.0, \"s\": \"z\", \"y\": null}\n");
        String path = f.toUri().toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Examples.read(SPARK, path, List.of("a", "missing"), "y"));
        assertTrue(e.getMessage().contains("no column 'missing'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Examples.read(SPARK, path, List.of("s"), "y"));
        assertTrue(e.getMessage().contains("'s' is string, not a number"), e.getMessage());
        Exception job = assertThrows(Exception.class, () -> Examples.read(SPARK, path, List.of("a"), "y").collect());
        assertTrue(String.valueOf(job.getMessage()).contains("no value in column 'y'"), job.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Examples.read(SPARK, "data.csv", List.of("a"), "y"));
        assertTrue(e.getMessage().contains("unknown data format"), e.getMessage());
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"a\": 1.0, \"y\": 1}\n{\"a\": 2.0, \"y\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> Examples.read(SPARK, broken.toUri().toString(), List.of("a"), "y"));
        assertTrue(e.getMessage().contains("not valid JSON lines"), e.getMessage());
    }
}
