// Readiness probe, compiled by kafka.sh against the broker jars (or: java -cp "libs/*" KafkaReady.java ...):
// waits for a real Kafka round trip, DescribeCluster answered with an active controller
// and (a cluster) at least <nodes> brokers, i.e. every node registered and serving.
// Usage: KafkaReady <bootstrap> <timeout seconds> [pid[,pid...]] [nodes]
// Exit 0 ready, 1 timeout, 2 a watched broker process died first.
import java.io.FileReader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

public class KafkaReady {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        List<Optional<ProcessHandle>> brokers = args.length > 2 && !args[2].isEmpty()
            ? Arrays.stream(args[2].split(",")).map(pid -> ProcessHandle.of(Long.parseLong(pid))).toList()
            : List.of();
        int nodes = args.length > 3 ? Integer.parseInt(args[3]) : 1;

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        // Retry quickly while the broker is still binding its port.
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        // The login of a broker that requires one (SHOP_KAFKA_AUTH=scram): the properties kafka_client_properties wrote.
        String login = System.getenv("KAFKA_CLIENT_CONFIG");
        if (login != null && !login.isEmpty()) try (FileReader in = new FileReader(login)) { props.load(in); }
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (brokers.stream().anyMatch(broker -> broker.map(p -> !p.isAlive()).orElse(true))) System.exit(2);
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    if (cluster.controller().get(2, TimeUnit.SECONDS) != null && cluster.nodes().get(2, TimeUnit.SECONDS).size() >= nodes) {
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
