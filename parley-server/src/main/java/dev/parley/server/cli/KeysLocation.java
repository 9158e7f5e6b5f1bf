package dev.parley.server.cli;

import dev.parley.server.config.KeyStore;
import dev.parley.server.store.RemoteStore;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * Where {@code parley keys} finds the keys: the data directory's {@code keys.json}, or in
 * cluster mode the database the collectors share ({@code --store}).
 */
final class KeysLocation {
  @Mixin DataDirOption data;

  @Mixin StoreOption store;

  /** The keys, as they are now; close the result when done. */
  Opened open() {
    Optional<RemoteStore.Opened> opened = store.open();
    if (opened.isEmpty()) {
      return new Opened(KeyStore.open(data.path()), null);
    }
    RemoteStore.Opened shared = opened.get();
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
