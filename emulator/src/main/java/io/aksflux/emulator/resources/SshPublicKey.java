package io.aksflux.emulator.resources;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** A fresh RSA public key in OpenSSH form ({@code ssh-rsa AAAA…}), as the flux configuration reports a generated one. */
final class SshPublicKey {
    private SshPublicKey() {
    }

    static String generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            field(wire, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            field(wire, key.getPublicExponent().toByteArray());
            field(wire, key.getModulus().toByteArray());
            return "ssh-rsa " + Base64.getEncoder().encodeToString(wire.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** RFC 4251 string / mpint: a 4-byte big-endian length, then the bytes (BigInteger's are already two's complement). */
    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.write((bytes.length >>> 24) & 0xff);
        out.write((bytes.length >>> 16) & 0xff);
        out.write((bytes.length >>> 8) & 0xff);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }
}
