# Sourced by deploy/bin/qtune and deploy/bin/qtune-submit: the project's paths, a build when its jars
# are missing or older than the sources, and the JVM options every qtune JVM needs (Spark's Java 17
# module options, the Vector API, the heap, the Log4j configuration).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/spark-jobs/target/qtune-spark-jobs.jar"
lib="$root/spark-jobs/target/lib"
# for spark-submit: qtune with what a cluster does not supply, and what it does (Spark, Hadoop, Log4j)
cluster_jar="$root/spark-jobs/target/qtune-spark-jobs-cluster.jar"
spark_lib="$root/spark-jobs/target/spark-lib"

stale=0
if [[ ! -f "$jar" || ! -d "$lib" || ! -f "$cluster_jar" || ! -d "$spark_lib" ]]; then
  stale=1
elif [[ -n "$(find "$root/core/src/main" "$root/spark-jobs/src/main" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
  stale=1
fi
if [[ $stale == 1 ]]; then
  echo "qtune: building (mvn -B -q -DskipTests package) ..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package >&2)
  rm -f "$root"/spark-jobs/target/qtune-jdk*.jsa "$root"/spark-jobs/target/qtune-jdk*.aot
fi

JAVA="${JAVA:-java}"
# qtune cuts large matrix products into parts on its own threads; native OpenBLAS threading inside
# each part as well would oversubscribe the cores
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
# embedded local mode binds to loopback unless told otherwise (no hostname lookups, no warning)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# Spark 4.2's Java 17 module options (org.apache.spark.launcher.JavaModuleOptions) plus the Vector API.
opts=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
  -Xmx"${QTUNE_HEAP:-4g}" -Dlog4j.configurationFile="$root/conf/log4j2.properties"
  # huge pages for the amplitude arrays: measured 1.3-1.6x faster single gates at n = 25 here
  -XX:+UseTransparentHugePages)
