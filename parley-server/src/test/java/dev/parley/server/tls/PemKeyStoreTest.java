package dev.parley.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PemKeyStoreTest {
  @Test
  void aPkcs1RsaKeyWrappedAsPkcs8IsTheSameKey() throws Exception {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
    byte[] pkcs8 = key.getEncoded();
    // PKCS#8 = SEQUENCE { version, algorithm, OCTET STRING pkcs1 }: the PKCS#1 key is the tail after 26 bytes
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);

    RSAPrivateCrtKey read = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Pkcs1.toPkcs8(pkcs1)));

    assertThat(read.getModulus()).isEqualTo(key.getModulus());
    assertThat(read.getPrivateExponent()).isEqualTo(key.getPrivateExponent());
    assertThat(read.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
  }
}
