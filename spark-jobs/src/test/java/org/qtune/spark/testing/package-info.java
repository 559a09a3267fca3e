/**
 * Support for integration tests ({@code *IT}, run by failsafe in {@code mvn verify}) against a real
 * Spark standalone cluster: {@link org.qtune.spark.testing.StandaloneCluster} starts a Master and
 * Workers on 127.0.0.1 as separate JVMs from this module's own jars, lists and kills executor JVMs to
 * simulate lost machines, and never leaves a process behind. Spark unit tests ({@code *Test}) use an
 * in-process {@code local[2]} session instead: faster, but one JVM cannot lose an executor, and it
 * never finds a class missing from the executors' class path.
 */
package org.qtune.spark.testing;
