package io.aksflux.secret;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deploy key's two forms: PKCS#8 PEM that the JDK (and Go's x509.ParsePKCS8PrivateKey) reads back, and OpenSSH's public line. */
class SshKeyPairTest {

    @Test
    void the_private_key_is_pkcs8_pem_that_parses_back_as_an_ed25519_key() throws Exception {
        SshKeyPair key = SshKeyPair.generate();

        String pem = key.privateKeyPem();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var parsed = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(parsed).isInstanceOf(EdECPrivateKey.class);
        assertThat(parsed.getAlgorithm()).isEqualTo("EdDSA");
        // RFC 8410: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }
        assertThat(der).hasSize(48);
        assertThat(Arrays.copyOfRange(der, 0, 16)).containsExactly(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                0x04, 0x22, 0x04, 0x20);
    }

    @Test
    void the_public_key_is_openssh_wire_format_the_string_ssh_ed25519_then_the_32_byte_key() {
        SshKeyPair key = SshKeyPair.generate();

        assertThat(key.publicKey()).matches("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}=?");
        ByteBuffer wire = ByteBuffer.wrap(Base64.getDecoder().decode(key.publicKey().substring("ssh-ed25519 ".length())));
        byte[] name = new byte[wire.getInt()];
        wire.get(name);
        assertThat(new String(name, StandardCharsets.US_ASCII)).isEqualTo("ssh-ed25519");
        assertThat(wire.getInt()).isEqualTo(32);
        assertThat(wire.remaining()).isEqualTo(32);
    }

    @Test
    void the_public_key_verifies_what_the_private_key_signs() throws Exception {
        SshKeyPair key = SshKeyPair.generate();
        byte[] der = Base64.getMimeDecoder().decode(key.privateKeyPem().replaceAll("-----[A-Z ]+-----", ""));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
        signer.update("flux".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();

        byte[] wire = Base64.getDecoder().decode(key.publicKey().substring("ssh-ed25519 ".length()));
        byte[] raw = Arrays.copyOfRange(wire, wire.length - 32, wire.length);
        byte[] spki = new byte[44];
        System.arraycopy(new byte[]{0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, 0, spki, 0, 12);
        System.arraycopy(raw, 0, spki, 12, 32);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(spki)));
        verifier.update("flux".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void a_stored_private_key_gives_back_the_same_public_key() {
        SshKeyPair key = SshKeyPair.generate();

        SshKeyPair again = SshKeyPair.fromPrivateKeyPem(key.privateKeyPem());

        assertThat(again.publicKey()).isEqualTo(key.publicKey());
        assertThat(again.privateKeyPem()).isEqualTo(key.privateKeyPem());
    }

    @Test
    void every_form_of_the_private_key_is_redacted_from_the_moment_it_exists() {
        SshKeyPair key = SshKeyPair.generate();
        String pem = key.privateKeyPem();
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");

        String text = "pem " + pem + " base64 " + body + " line " + pem.lines().skip(1).findFirst().orElseThrow()
                + " base64-of-pem " + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)) + " " + key;

        String redacted = Redactor.shared().redact(text);
        assertThat(redacted).doesNotContain(body).doesNotContain(pem.lines().skip(1).findFirst().orElseThrow())
                .doesNotContain(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)))
                .contains(key.publicKey()); // the public key is not a secret
        assertThat(key.toString()).doesNotContain(body);
    }

    @Test
    void something_that_is_not_an_ed25519_pkcs8_key_is_refused_without_repeating_it() {
        assertThatThrownBy(() -> SshKeyPair.fromPrivateKeyPem("-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("MIIBOgIBAAJBAKj34");
    }

    @Test
    void keys_are_compared_by_type_and_key_without_a_comment() {
        assertThat(SshKeyPair.comparable("ssh-ed25519 AAAAkey aksflux snd4")).contains("ssh-ed25519 AAAAkey");
        assertThat(SshKeyPair.comparable("nonsense")).isEmpty();
    }
}
