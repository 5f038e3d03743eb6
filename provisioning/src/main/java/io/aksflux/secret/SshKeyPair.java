package io.aksflux.secret;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * An ed25519 SSH key pair for a deploy key, made in-process: the private key as PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}, which Flux's Go SSH client parses through {@code x509.ParsePKCS8PrivateKey}) and
 * the public key in OpenSSH's one-line form ({@code ssh-ed25519 AAAA…}). The private key is registered with the
 * {@link Redactor} the moment it exists, in each form it is written in; {@link #toString()} never shows it.
 */
public final class SshKeyPair {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final String ALGORITHM = "ssh-ed25519";

    private final String privateKeyPem;
    private final String publicKey;

    private SshKeyPair(String privateKeyPem, String publicKey) {
        this.privateKeyPem = privateKeyPem;
        this.publicKey = publicKey;
    }

    /** A new key pair from the platform's strong random source. */
    public static SshKeyPair generate() {
        return of(new SecureRandom());
    }

    /**
     * The pair a stored private key belongs to. The JDK cannot derive an Ed25519 public key from a private one, so the
     * key is generated again from its own 32-byte seed (the generator draws exactly that from its random source), and
     * the result is checked by signing with the stored key and verifying with the derived public key.
     */
    public static SshKeyPair fromPrivateKeyPem(String pem) {
        Redactor.shared().register(pem);
        byte[] der = der(pem);
        Redactor.shared().register(Base64.getEncoder().encodeToString(der));
        try {
            EdECPrivateKey stored = (EdECPrivateKey) KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = stored.getBytes().orElseThrow(() -> new IllegalArgumentException("the private key holds no seed"));
            SshKeyPair pair = of(new SeedRandom(seed));
            KeyPair derived = pair.keyPair();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(stored);
            signer.update(ALGORITHM.getBytes(StandardCharsets.US_ASCII));
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(derived.getPublic());
            verifier.update(ALGORITHM.getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the public key derived from the stored private key does not match it");
            }
            return pair;
        } catch (GeneralSecurityException | ClassCastException e) {
            // the message names what failed, never the key
            throw new IllegalArgumentException("not an ed25519 PKCS#8 private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----} PEM, the value Flux's {@code identity} holds. */
    public String privateKeyPem() {
        return privateKeyPem;
    }

    /** {@code ssh-ed25519 AAAA…}, without a comment: what a Git host registers and {@code identity.pub} holds. */
    public String publicKey() {
        return publicKey;
    }

    /** The OpenSSH wire form of the key: {@code string "ssh-ed25519"} then {@code string key}, each with a 4-byte length. */
    static byte[] wire(byte[] rawPublicKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] field : new byte[][]{ALGORITHM.getBytes(StandardCharsets.US_ASCII), rawPublicKey}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    /** The two fields a key is compared by ({@code ssh-ed25519 BASE64}), ignoring a comment; empty for anything else. */
    public static Optional<String> comparable(String openSshKey) {
        String[] parts = openSshKey == null ? new String[0] : openSshKey.strip().split("\\s+");
        return parts.length >= 2 ? Optional.of(parts[0] + " " + parts[1]) : Optional.empty();
    }

    @Override
    public String toString() {
        return "SshKeyPair[" + publicKey + "]";
    }

    private static SshKeyPair of(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] der = pair.getPrivate().getEncoded();
            String base64 = Base64.getEncoder().encodeToString(der);
            Redactor.shared().register(base64); // before the PEM exists, so no form of it escapes
            String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n" + END + "\n";
            Redactor.shared().register(pem);
            String publicKey = ALGORITHM + " " + Base64.getEncoder().encodeToString(wire(raw((EdECPublicKey) pair.getPublic())));
            return new SshKeyPair(pem, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make ed25519 keys (Java 15 and later can)", e);
        }
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        var priv = factory.generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyPem)));
        byte[] raw = Base64.getDecoder().decode(publicKey.substring(ALGORITHM.length() + 1));
        byte[] key = java.util.Arrays.copyOfRange(raw, raw.length - 32, raw.length);
        return new KeyPair(publicFromRaw(factory, key), priv);
    }

    /** The 32 bytes RFC 8032 encodes: the y coordinate little-endian, the sign of x in the top bit. */
    private static byte[] raw(EdECPublicKey key) {
        byte[] y = key.getPoint().getY().toByteArray(); // big-endian, possibly with a sign byte
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < y.length; i++) {
            out[i] = y[y.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static java.security.PublicKey publicFromRaw(KeyFactory factory, byte[] raw) throws GeneralSecurityException {
        // X.509 SubjectPublicKeyInfo for Ed25519: a fixed 12-byte prefix, then the 32 bytes (RFC 8410)
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] spki = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, spki, 0, prefix.length);
        System.arraycopy(raw, 0, spki, prefix.length, raw.length);
        return factory.generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    }

    private static byte[] der(String pem) {
        String body = pem.strip();
        if (!body.startsWith(BEGIN) || !body.endsWith(END)) {
            throw new IllegalArgumentException("not a PKCS#8 PEM private key (" + BEGIN + ")");
        }
        return Base64.getMimeDecoder().decode(body.substring(BEGIN.length(), body.length() - END.length()));
    }

    /** Hands out one seed, so the generator makes the pair that seed belongs to. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the ed25519 generator asked for " + bytes.length + " bytes, not the 32-byte seed");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
