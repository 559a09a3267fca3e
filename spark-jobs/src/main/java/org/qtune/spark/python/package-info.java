/**
 * The JVM side of the Python front end ({@code python/qtune}): {@link org.qtune.spark.python.PythonEntry},
 * static methods that take and return JSON strings, called through py4j from a notebook's
 * SparkSession. No algorithm here: a config in, the job layer runs it, a report out.
 */
package org.qtune.spark.python;
