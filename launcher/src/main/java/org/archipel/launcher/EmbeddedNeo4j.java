package org.archipel.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import sun.misc.Signal;

/**
 * Starts a real Neo4j Community database with Bolt on loopback, for machines without Docker.
 *
 * <p>Usage: {@code java -jar archipel-neo4j.jar --port 7687 --data-dir .data/neo4j}
 *
 * <p>Prints exactly one line {@code ready bolt://HOST:PORT} on stdout once Bolt accepts
 * connections; the Node side waits for that line. Everything Neo4j logs goes to
 * {@code <data-dir>/logs}, so stdout stays machine-readable. SIGTERM/SIGINT run the shutdown hook,
 * which stops the database cleanly (checkpoint, store closed) before the JVM exits.
 *
 * <p>Authentication is disabled: the server binds to loopback only and is meant for one developer,
 * a test run or CI. Use the official Docker image for anything shared.
 */
public final class EmbeddedNeo4j {
  private EmbeddedNeo4j() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("archipel-neo4j: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }

    Path dataDir = options.dataDir.toAbsolutePath();
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(options.host, options.port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress(options.host, options.port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(options.pageCacheMb))
            .setConfig(
                GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(options.txTimeoutSeconds))
            .build();

    AtomicBoolean stopping = new AtomicBoolean(false);
    Runnable stop =
        () -> {
          if (stopping.compareAndSet(false, true)) {
            System.err.println("archipel-neo4j: shutting down");
            dbms.shutdown();
            System.err.println("archipel-neo4j: stopped");
          }
        };
    // SIGTERM/SIGINT: stop the database (checkpoint, store closed), then exit 0 so callers can
    // tell a clean stop from a crash. The shutdown hook covers any other way the JVM exits.
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            stop.run();
            System.exit(0);
          });
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));
    if (options.exitWithStdin) {
      exitWhenStdinCloses(stop);
    }

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) {
      System.err.println("archipel-neo4j: the database did not become available within 2 minutes");
      System.exit(1);
    }
    waitForBolt(options.host, options.port);
    System.out.println("ready bolt://" + options.host + ":" + options.port);
    System.out.flush();
    Thread.currentThread().join();
  }

  /**
   * The parent keeps a pipe to our stdin open for as long as it lives; the OS closes it when the
   * parent dies, however it dies (even SIGKILL, which no handler sees). End of input means the
   * parent is gone: stop the database cleanly and exit, so the port and the store lock are free
   * for the next start.
   */
  private static void exitWhenStdinCloses(Runnable stop) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // The parent never writes; anything read is ignored.
                }
              } catch (IOException closed) {
                // A broken pipe is the same news as end of input.
              }
              System.err.println("archipel-neo4j: parent process gone, stopping");
              stop.run();
              System.exit(0);
            },
            "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** The database can be available before the Bolt socket is bound; the Node side needs Bolt. */
  private static void waitForBolt(String host, int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    System.err.println("archipel-neo4j: Bolt did not accept connections on " + host + ":" + port);
    System.exit(1);
  }

  private static final class Options {
    static final String USAGE =
        "usage: archipel-neo4j [--host 127.0.0.1] [--port 7687] [--data-dir .data/neo4j]"
            + " [--page-cache-mb 256] [--tx-timeout-seconds 30] [--exit-with-stdin]";

    String host = "127.0.0.1";
    int port = 7687;
    Path dataDir = Path.of(".data", "neo4j");
    long pageCacheMb = 256;
    long txTimeoutSeconds = 30;
    boolean exitWithStdin = false;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--exit-with-stdin")) {
          o.exitWithStdin = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + flag);
        }
        String value = args[++i];
        switch (flag) {
          case "--host" -> o.host = value;
          case "--port" -> o.port = parseInt(flag, value, 0, 65535);
          case "--data-dir" -> o.dataDir = Path.of(value);
          case "--page-cache-mb" -> o.pageCacheMb = parseInt(flag, value, 8, 1 << 20);
          case "--tx-timeout-seconds" -> o.txTimeoutSeconds = parseInt(flag, value, 0, 86400);
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      return o;
    }

    private static int parseInt(String flag, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            flag + " expects an integer between " + min + " and " + max + ", got '" + value + "'");
      }
    }
  }
}
