package org.qtune.spark.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads labelled examples from JSON lines ({@code .jsonl}, {@code .json}) or Parquet ({@code .parquet},
 * or a directory of part files) on a Hadoop path: the named numeric feature columns, in the order
 * given, and a numeric target column. The schema is checked on the driver, so a missing or
 * non-numeric column fails before any task runs; a null value fails the job naming the column.
 */
public final class Examples {
    private Examples() {
    }

    public static JavaRDD<Example> read(SparkSession spark, String path, List<String> featureColumns,
                                        String targetColumn) {
        if (featureColumns.isEmpty()) {
            throw new IllegalArgumentException("no feature columns given");
        }
        String lower = path.toLowerCase(Locale.ROOT);
        Dataset<Row> df;
        if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
            // a JSON-lines file (Spark's default JSON reading: one object per line)
            df = spark.read().json(path);
        } else if (lower.endsWith(".parquet")) {
            df = spark.read().parquet(path);
        } else {
            throw new IllegalArgumentException("unknown data format of " + path + " (.jsonl, .json or .parquet)");
        }
        StructType schema = df.schema();
        if (Arrays.asList(schema.fieldNames()).contains("_corrupt_record")) {
            throw new IllegalArgumentException(path + ": not valid JSON lines (Spark found corrupt records)");
        }
        List<String> columns = new ArrayList<>(featureColumns);
        columns.add(targetColumn);
        for (String c : columns) {
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException(path + ": no column '" + c + "' (columns: "
                        + String.join(", ", schema.fieldNames()) + ")");
            }
            StructField f = schema.apply(c);
            if (!numeric(f.dataType())) {
                throw new IllegalArgumentException(path + ": column '" + c + "' is " + f.dataType().simpleString()
                        + ", not a number");
            }
        }
        String[] names = columns.toArray(new String[0]);
        return df.selectExpr(Arrays.stream(names).map(c -> "CAST(`" + c + "` AS DOUBLE) AS `" + c + "`")
                .toArray(String[]::new)).javaRDD().map(row -> {
                    double[] x = new double[names.length - 1];
                    for (int i = 0; i < names.length; i++) {
                        if (row.isNullAt(i)) {
                            throw new IllegalArgumentException(path + ": a row has no value in column '" + names[i] + "'");
                        }
                    }
                    for (int i = 0; i < x.length; i++) {
                        x[i] = row.getDouble(i);
                    }
                    return new Example(x, row.getDouble(x.length));
                });
    }

    private static boolean numeric(DataType t) {
        return t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType) || t.equals(DataTypes.LongType)
                || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType)
                || t instanceof org.apache.spark.sql.types.DecimalType;
    }
}
