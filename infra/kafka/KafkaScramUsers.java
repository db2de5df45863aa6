// Gives the SCRAM-SHA-512 users a broker lacks their credentials, compiled by kafka.sh against the
// broker jars like KafkaReady. The storage format writes the users there are then; a service added
// later (./shop new subscriber) is added here, on the next start, through the admin API
// (AlterUserScramCredentials; kafkajs has no such call). Users present are left as they are: a
// password never changes while the state folder lives.
// Usage: KafkaScramUsers <bootstrap>, one "<user> <password>" line per wanted user on stdin (not
// in the arguments, which any process may read); the admin's login from the properties file KAFKA_CLIENT_CONFIG
// names (kafka_client_properties).
// Prints the users it added; exit 0, or 1 with the error.
import java.io.BufferedReader;
import java.io.FileReader;
import java.io.InputStreamReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

public class KafkaScramUsers {
    public static void main(String[] args) throws Exception {
        Map<String, String> wanted = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] userAndPassword = line.trim().split(" ", 2);
                if (userAndPassword.length == 2) wanted.put(userAndPassword[0], userAndPassword[1]);
            }
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (FileReader login = new FileReader(System.getenv("KAFKA_CLIENT_CONFIG"))) { props.load(login); }
        try (Admin admin = Admin.create(props)) {
            Set<String> present = admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).keySet();
            List<UserScramCredentialAlteration> missing = wanted.entrySet().stream()
                .filter(user -> !present.contains(user.getKey()))
                .map(user -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(
                    user.getKey(), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.getValue()))
                .toList();
            if (!missing.isEmpty()) admin.alterUserScramCredentials(missing).all().get(30, TimeUnit.SECONDS);
            for (UserScramCredentialAlteration user : missing) System.out.println(user.user());
        } catch (Exception error) {
            System.err.println("KafkaScramUsers: " + error);
            System.exit(1);
        }
    }
}
