package dev.parley.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and private key into an in-memory key store, with the JDK
 * only. Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) and PKCS#1 RSA
 * ({@code BEGIN RSA PRIVATE KEY}); encrypted keys are not read.
 */
public final class PemKeyStore {
  /** The in-memory store's password; it never leaves the process. */
  static final char[] PASSWORD = "parley-tls".toCharArray();
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemKeyStore() {}

  /** A PKCS#12 key store holding the key under the alias {@code parley}, with its chain. */
  public static KeyStore load(Path certificate, Path privateKey) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate)));
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + certificate);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("parley", key(privateKey), PASSWORD, chain.toArray(new Certificate[0]));
    return store;
  }

  private static PrivateKey key(Path file) throws IOException, GeneralSecurityException {
    Matcher block = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    while (block.find()) {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      switch (block.group(1)) {
        case "PRIVATE KEY":
          return pkcs8(der);
        case "RSA PRIVATE KEY":
          return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Pkcs1.toPkcs8(der)));
        case "ENCRYPTED PRIVATE KEY":
          throw new GeneralSecurityException(file + " holds an encrypted key; give an unencrypted one");
        default:
          // another block (such as EC PARAMETERS): look further
      }
    }
    throw new GeneralSecurityException("no PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) in " + file);
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }
}
