/** Kryo registration and bulk-array serializers for the classes Spark moves between JVMs. */
package org.qtune.spark.kryo;
