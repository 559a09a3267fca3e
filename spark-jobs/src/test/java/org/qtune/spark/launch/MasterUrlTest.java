package org.qtune.spark.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterUrlTest {
    @Test
    void everyFormSparkFourAcceptsIsParsedWithItsKind() {
        assertEquals(new MasterUrl("local", MasterUrl.Kind.LOCAL, 1, 0), MasterUrl.parse("--master", "local"));
        assertEquals(new MasterUrl("local[3]", MasterUrl.Kind.LOCAL, 3, 0), MasterUrl.parse("--master", "local[3]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), MasterUrl.parse("--master", "local[*]").threads());
        assertEquals(2, MasterUrl.parse("--master", "local[2, 4]").threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), MasterUrl.parse("--master", "local[*,3]").threads());
        MasterUrl cluster = MasterUrl.parse("--master", "local-cluster[2, 3, 1024]");
        assertEquals(MasterUrl.Kind.LOCAL_CLUSTER, cluster.kind());
        assertEquals(3, cluster.threads());
        assertEquals(1024, cluster.workerMemoryMiB());
        assertEquals(MasterUrl.Kind.STANDALONE, MasterUrl.parse("--master", "spark://node1:7077").kind());
        assertEquals(MasterUrl.Kind.STANDALONE, MasterUrl.parse("--master", "spark://a.example:7077,b:7078").kind());
        assertEquals(MasterUrl.Kind.YARN, MasterUrl.parse("--master", "yarn").kind());
        assertEquals(MasterUrl.Kind.KUBERNETES, MasterUrl.parse("--master", "k8s://https://10.0.0.1:6443").kind());
        assertEquals(MasterUrl.Kind.KUBERNETES, MasterUrl.parse("--master", "k8s://api.example").kind());
        assertTrue(MasterUrl.parse("--master", "local[2]").inThisJvm());
        assertFalse(MasterUrl.parse("--master", "local-cluster[1,1,512]").inThisJvm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus://x", "", "local[]", "local[x]", "local[2,]", "locale", "spark://", "spark://host",
        "spark://host:0", "spark://host:99999", "spark://:7077", "yarn-client", "k8s://", "k8s://host:port",
        "local-cluster[2,2]", "LOCAL"})
    void anythingElseIsRefusedInOneLineNamingTheOptionAndTheForms(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterUrl.parse("--master", url));
        assertTrue(e.getMessage().startsWith("--master '" + url + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void zeroThreadsAndMesosAreRefusedSayingWhy() {
        assertEquals("--master 'local[0]': local mode needs at least 1 thread and at least 1 allowed task failure",
                assertThrows(IllegalArgumentException.class, () -> MasterUrl.parse("--master", "local[0]")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MasterUrl.parse("--master", "local[2,0]"));
        assertThrows(IllegalArgumentException.class, () -> MasterUrl.parse("--master", "local-cluster[0,1,512]"));
        assertEquals("--master 'mesos://m:5050': Spark 4 no longer supports Mesos; use spark://HOST:PORT, yarn or "
                + "k8s://HOST:PORT", assertThrows(IllegalArgumentException.class,
                () -> MasterUrl.parse("--master", "mesos://m:5050")).getMessage());
    }

    @Test
    void anExplicitMasterIsResolvedWithoutStartingSpark() {
        assertEquals(MasterUrl.Kind.STANDALONE, MasterUrl.resolve("spark://h:7077").kind());
        assertThrows(IllegalArgumentException.class, () -> MasterUrl.resolve("bogus://x"));
    }
}
