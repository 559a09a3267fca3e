package org.qtune.spark.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.qtune.data.JsonLinesRows;
import org.qtune.data.LabeledText;
import org.qtune.data.PromptAnswer;
import org.qtune.data.TaskExample;

/**
 * Task examples from any Hadoop path: a JSON-lines file ({@code {"text", "label"}} or
 * {@code {"prompt", "answer"}} rows; a directory is read as its {@code .jsonl} files in name order),
 * or Parquet ({@code .parquet}, or a directory of part files) with the same columns. Everything is
 * checked before anything is returned: a missing file, a bad row (named by file and line, or file
 * and row number for Parquet), a wrong column type. The rows are read by the driver, which cuts
 * them into micro-batches; the executors tokenize and cache them.
 */
public final class TaskFiles {
    private TaskFiles() {
    }

    /** Whether {@code path} names a readable file or directory, checked without Spark (for a plan). */
    public static void checkReadable(String option, String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(new Configuration());
        if (!fs.exists(p)) {
            throw new java.io.FileNotFoundException(option + " " + path + ": no such file or directory");
        }
        checkLocalKind(option, fs, p);
    }

    /** A local path must be a regular file or a directory: a FIFO or a device would block or never end. */
    private static void checkLocalKind(String option, FileSystem fs, Path p) throws IOException {
        if (fs instanceof org.apache.hadoop.fs.LocalFileSystem || "file".equals(fs.getScheme())) {
            java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(p).toUri());
            if (!java.nio.file.Files.isRegularFile(local) && !java.nio.file.Files.isDirectory(local)) {
                throw new IllegalArgumentException((option.isEmpty() ? "" : option + " ") + p
                        + ": not a regular file or a directory");
            }
        }
    }

    public static List<TaskExample> read(SparkSession spark, String path, JsonLinesRows.Kind kind) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p)) {
            throw new java.io.FileNotFoundException(path + ": no such file or directory");
        }
        checkLocalKind("", fs, p);
        boolean parquet = path.toLowerCase(Locale.ROOT).endsWith(".parquet") || (fs.getFileStatus(p).isDirectory()
                && Arrays.stream(fs.listStatus(p)).anyMatch(s -> s.getPath().getName().endsWith(".parquet")));
        return parquet ? parquet(spark, path, kind) : jsonLines(fs, p, kind);
    }

    private static List<TaskExample> jsonLines(FileSystem fs, Path p, JsonLinesRows.Kind kind) throws IOException {
        List<Path> files = new ArrayList<>();
        if (fs.getFileStatus(p).isDirectory()) {
            FileStatus[] all = fs.listStatus(p, f -> f.getName().endsWith(".jsonl"));
            all = Arrays.stream(all).filter(FileStatus::isFile).toArray(FileStatus[]::new);
            Arrays.sort(all, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            for (FileStatus s : all) {
                files.add(s.getPath());
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(p + ": a directory without .jsonl files");
            }
        } else {
            files.add(p);
        }
        List<TaskExample> out = new ArrayList<>();
        for (Path f : files) {
            checkLocalKind("", fs, f);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(f), StandardCharsets.UTF_8))) {
                List<TaskExample> rows = JsonLinesRows.read(in, f.toString(), kind);
                kind = rows.get(0) instanceof LabeledText ? JsonLinesRows.Kind.CLASSIFICATION
                        : JsonLinesRows.Kind.GENERATION;
                out.addAll(rows);
            }
        }
        return out;
    }

    private static List<TaskExample> parquet(SparkSession spark, String path, JsonLinesRows.Kind kind) {
        Dataset<Row> df = spark.read().parquet(path);
        StructType schema = df.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        JsonLinesRows.Kind own = names.contains("text") || names.contains("label") ? JsonLinesRows.Kind.CLASSIFICATION
                : JsonLinesRows.Kind.GENERATION;
        if (kind != null && own != kind) {
            throw new IllegalArgumentException(path + ": expected columns " + kind.fields() + ", found "
                    + String.join(", ", names));
        }
        boolean classification = own == JsonLinesRows.Kind.CLASSIFICATION;
        String first = classification ? "text" : "prompt", second = classification ? "label" : "answer";
        for (String c : List.of(first, second)) {
            if (!names.contains(c)) {
                throw new IllegalArgumentException(path + ": no column '" + c + "' (columns: " + String.join(", ", names)
                        + ")");
            }
        }
        check(path, first, schema.apply(first).dataType(), DataTypes.StringType);
        if (classification) {
            DataType t = schema.apply(second).dataType();
            if (!(t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType)
                    || t.equals(DataTypes.ByteType))) {
                throw new IllegalArgumentException(path + ": column 'label' is " + t.simpleString()
                        + ", not an integer class index");
            }
        } else {
            check(path, second, schema.apply(second).dataType(), DataTypes.StringType);
        }
        boolean hasId = names.contains("id");
        List<Row> rows = df.selectExpr(hasId ? new String[] {first, second, "CAST(id AS STRING)"}
                : new String[] {first, second}).collectAsList();
        List<TaskExample> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String id = hasId && !r.isNullAt(2) ? r.getString(2) : path + "#" + i;
            if (r.isNullAt(0) || r.isNullAt(1)) {
                throw new IllegalArgumentException(path + ", row " + i + ": no value in column '"
                        + (r.isNullAt(0) ? first : second) + "'");
            }
            if (classification) {
                long label = ((Number) r.get(1)).longValue();
                if (label < 0 || label > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(path + ", row " + i + ": label " + label + " is not a class index");
                }
                out.add(new LabeledText(id, r.getString(0), (int) label));
            } else {
                out.add(new PromptAnswer(id, r.getString(0), r.getString(1)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(path + ": no rows");
        }
        return out;
    }

    private static void check(String path, String column, DataType t, DataType want) {
        if (!t.equals(want)) {
            throw new IllegalArgumentException(path + ": column '" + column + "' is " + t.simpleString() + ", not "
                    + want.simpleString());
        }
    }
}
