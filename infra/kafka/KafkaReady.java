// Readiness probe, compiled by kafka.sh against the broker jars (or: java -cp "libs/*" KafkaReady.java ...):
// waits for a real Kafka round trip, DescribeCluster answered with an active controller.
// Usage: KafkaReady <bootstrap> <timeout seconds> [pid]
// Exit 0 ready, 1 timeout, 2 the watched broker process died first.
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

public class KafkaReady {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        var broker = args.length > 2 ? ProcessHandle.of(Long.parseLong(args[2])) : null;

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        // Retry quickly while the broker is still binding its port.
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (broker != null && broker.map(p -> !p.isAlive()).orElse(true)) System.exit(2);
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    if (cluster.controller().get(2, TimeUnit.SECONDS) != null) {
                        System.out.println("cluster " + cluster.clusterId().get() + ", nodes " + cluster.nodes().get());
                        System.exit(0);
                    }
                } catch (Exception notYet) {
                    // Connection refused or broker still starting: try again until the deadline.
                }
                if (System.nanoTime() > deadline) System.exit(1);
                Thread.sleep(200);
            }
        }
    }
}
