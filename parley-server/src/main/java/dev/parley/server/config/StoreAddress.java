package dev.parley.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Cluster mode's shared store, as given to {@code --store}: its address (such as
 * {@code postgresql://parley@db:5432/parley}) and where its password comes from besides the
 * {@code PARLEY_STORE_PASSWORD} variable. A password is never part of the address.
 *
 * @param address the store's address
 * @param passwordFile a file holding the password, if given
 */
public record StoreAddress(String address, Optional<Path> passwordFile) {
  public StoreAddress {
    Objects.requireNonNull(address, "address == null");
    Objects.requireNonNull(passwordFile, "passwordFile == null");
    if (address.isBlank()) {
      throw new IllegalArgumentException("the store's address must not be blank");
    }
  }
}
