package dev.parley.server.cli;

import dev.parley.server.config.KeyStore;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.store.RemoteStore;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code parley keys} finds the keys: the data directory's {@code keys.json}, or in
 * cluster mode the database the collectors share ({@code --store}).
 */
final class KeysLocation {
  @Mixin DataDirOption data;

  @Option(names = "--store", paramLabel = "postgresql://USER@HOST:PORT/DB",
      description = "Cluster mode: the keys the collectors share in this database (PARLEY_STORE), not keys.json."
          + " The password from PARLEY_STORE_PASSWORD or --store-password-file.")
  String store;

  @Option(names = "--store-password-file", paramLabel = "FILE", description = "A file holding the database password.")
  Path passwordFile;

  /** The keys, as they are now; close the result when done. */
  Opened open() {
    String address = store != null ? store : System.getenv("PARLEY_STORE");
    if (address == null || address.isBlank()) {
      return new Opened(KeyStore.open(data.path()), null);
    }
    RemoteStore.Opened shared = RemoteStore.open(new StoreAddress(address, Optional.ofNullable(passwordFile)),
        Optional.empty(), KeysLocation.class.getClassLoader());
    try {
      return new Opened(KeyStore.open(shared.keys()), shared);
    } catch (RuntimeException e) {
      shared.close();
      throw e;
    }
  }

  /** Open keys, and the shared store they come from (null for keys.json). */
  record Opened(KeyStore keys, RemoteStore.Opened shared) implements AutoCloseable {
    @Override
    public void close() {
      try {
        keys.close();
      } finally {
        if (shared != null) {
          shared.close();
        }
      }
    }
  }
}
