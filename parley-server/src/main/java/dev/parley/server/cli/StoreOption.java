package dev.parley.server.cli;

import dev.parley.server.config.StoreAddress;
import dev.parley.server.store.RemoteStore;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --store postgresql://...} options of the commands that also work on cluster mode's
 * shared store, instead of a data directory.
 */
final class StoreOption {
  @Option(names = "--store", paramLabel = "postgresql://USER@HOST:PORT/DB",
      description = "Cluster mode: the database the collectors share (PARLEY_STORE), instead of the data directory."
          + " The password from PARLEY_STORE_PASSWORD or --store-password-file.")
  String store;

  @Option(names = "--store-password-file", paramLabel = "FILE",
      description = "A file holding the database password (PARLEY_STORE_PASSWORD_FILE).")
  Path passwordFile;

  /** The shared store's address, from the flag or PARLEY_STORE; empty for the data directory. */
  Optional<StoreAddress> address() {
    String address = store != null ? store : System.getenv("PARLEY_STORE");
    if (address == null || address.isBlank()) {
      return Optional.empty();
    }
    String fileFromEnv = System.getenv("PARLEY_STORE_PASSWORD_FILE");
    Optional<Path> file = Optional.ofNullable(passwordFile)
        .or(() -> Optional.ofNullable(fileFromEnv).filter(f -> !f.isBlank()).map(Path::of));
    return Optional.of(new StoreAddress(address, file));
  }

  /**
   * Opens the shared store, when one is given (close it when done).
   *
   * @throws IllegalArgumentException when it cannot be opened, saying why
   */
  Optional<RemoteStore.Opened> open() {
    return address().map(a -> RemoteStore.open(a, Optional.empty(), StoreOption.class.getClassLoader()));
  }
}
