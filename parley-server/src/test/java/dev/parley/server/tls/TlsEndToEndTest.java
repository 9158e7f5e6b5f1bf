package dev.parley.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.config.TlsFiles;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --tls-cert and --tls-key the collector serves HTTPS, from PEM files, without a proxy. */
class TlsEndToEndTest {
  @TempDir Path dir;

  @Test
  void theCollectorServesHttpsFromPemFilesAndRefusesPlainHttp() throws Exception {
    KeyStore generated = selfSigned();
    Certificate cert = generated.getCertificate("parley");
    Path certPem = dir.resolve("cert.pem");
    Path keyPem = dir.resolve("key.pem");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", generated.getKey("parley", "changeit".toCharArray()).getEncoded()));

    ServerConfig config = ServerConfig.defaults(dir.resolve("data")).withHost("127.0.0.1").withPort(0)
        .withWriteKey(TestServer.WRITE_KEY).withAdminToken(TestServer.ADMIN_TOKEN)
        .withTls(new TlsFiles(certPem, keyPem));
    try (ParleyServer server = ParleyServer.start(config)) {
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> answer = https.send(HttpRequest.newBuilder(
              URI.create("https://localhost:" + server.port() + "/v1/track"))
          .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
          .POST(HttpRequest.BodyPublishers.ofString(Messages.started("tls-user", "c", "tls-1").toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Strict-Transport-Security")).as("browsers keep to HTTPS")
          .hasValueSatisfying(hsts -> assertThat(hsts).startsWith("max-age="));

      HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
          .timeout(Duration.ofSeconds(5)).GET().build();
      assertThatThrownBy(() -> {
        HttpResponse<String> r = HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isNotEqualTo(200);
        throw new IOException("answered " + r.statusCode());
      }).isInstanceOf(IOException.class);
    }
  }

  private KeyStore selfSigned() throws Exception {
    Path store = dir.resolve("self.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "parley", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    return ks;
  }

  private static SSLContext trusting(Certificate cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("parley", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
