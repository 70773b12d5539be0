package io.tributary.cluster;

import io.tributary.api.client.TributaryClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests whose methods share one cluster: starting one takes seconds, so a class starts it once. */
abstract class SharedClusterTest {
    @TempDir
    static Path home;

    static ServicePorts ports;
    static EmbeddedCluster cluster;
    static TributaryClient client;

    @BeforeAll
    static void startCluster() {
        ports = ServicePorts.ephemeral();
        cluster = ClusterPipelines.start(home, ports);
        client = new TributaryClient(cluster.apiUrl());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
