package io.callcontrol.testbed;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test run's real PostgreSQL ({@link PostgresCluster}): started once per run, before the first test class that
 * extends with it, stopped and deleted after the last test. Without Debian's postgresql package every test using it
 * fails, naming the package: it never passes or skips.
 */
public final class PostgresServer implements BeforeAllCallback {

    public static final String USER = PostgresCluster.USER;
    public static final String PASSWORD = PostgresCluster.PASSWORD;

    /** The cluster, closed by JUnit when the run ends. */
    private record Run(AutoCloseable cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Run.class, key -> new Run(PostgresCluster.start()), Run.class);
    }

    /** The URL of the run's database, without credentials. */
    public static String url() {
        return PostgresCluster.url();
    }

    /** A new empty schema: a fresh store for one test; the URL selects it. */
    public static String freshStoreUrl() {
        return PostgresCluster.freshStoreUrl();
    }

    /** The storage.* settings of a fresh store, with the credentials the server asks for. */
    public static Map<String, String> freshStoreSettings() {
        return PostgresCluster.freshStoreSettings();
    }

    public static void execute(String url, String sql) {
        PostgresCluster.execute(url, sql);
    }
}
