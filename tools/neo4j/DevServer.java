// A development and test Neo4j 5 server, in process, from Maven Central jars.
// Bolt on 127.0.0.1:PORT, HTTP off, small page cache; prints "READY bolt://..."
// once Bolt answers. Usage: java -cp CLASSPATH DevServer.java PORT DIR [PASSWORD]
// (the password is read from the NEO4J_DEV_PASSWORD environment variable when
// not given, so it never shows in a process listing). NEO4J_DEV_PLUGINS names a
// folder of plugin jars (APOC Core), loaded as a standalone Neo4j loads its plugins/.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

public class DevServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        String password = args.length > 2 ? args[2] : System.getenv().getOrDefault("NEO4J_DEV_PASSWORD", "");
        String plugins = System.getenv().getOrDefault("NEO4J_DEV_PLUGINS", "");
        var builder = Neo4jBuilders.newInProcessBuilder(dir);
        if (!plugins.isEmpty()) {
            builder = builder.withConfig(GraphDatabaseSettings.plugin_dir, Path.of(plugins).toAbsolutePath());
        }
        Neo4j neo4j = builder
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .withConfig(GraphDatabaseSettings.auth_enabled, !password.isEmpty())
                .build();
        if (!password.isEmpty()) {
            neo4j.databaseManagementService()
                    .database("system")
                    .executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                            Map.of("password", password));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
        System.out.println("READY " + neo4j.boltURI());
        System.out.flush();
        Thread.currentThread().join();
    }
}
