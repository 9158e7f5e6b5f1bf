package dev.parley.server.tls;

import dev.parley.server.config.TlsFiles;
import io.javalin.config.JettyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Serves HTTPS instead of HTTP: one Jetty connector with the PEM certificate and key. */
public final class TlsConnector {
  private TlsConnector() {}

  /**
   * Replaces Javalin's plain connector with a TLS one on {@code host:port}.
   *
   * @throws IllegalArgumentException when the files cannot be read as a certificate and key
   */
  public static void install(JettyConfig jetty, TlsFiles files, String host, int port) {
    KeyStore keys;
    try {
      keys = PemKeyStore.load(files.certificate(), files.privateKey());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS files: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the TLS certificate and key: " + e.getMessage(), e);
    }
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keys);
    ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
    jetty.addConnector((server, http) -> {
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false); // clients may use an IP or a name the certificate does not list
      https.addCustomizer(secure);
      ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(https));
      connector.setHost(host);
      connector.setPort(port);
      return connector;
    });
  }
}
