package dev.parley.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate chain and its private key, both PEM files, for serving HTTPS without a proxy.
 *
 * @param certificate the certificate, followed by any intermediates
 * @param privateKey the key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA
 */
public record TlsFiles(Path certificate, Path privateKey) {
  public TlsFiles {
    Objects.requireNonNull(certificate, "certificate == null");
    Objects.requireNonNull(privateKey, "privateKey == null");
  }
}
