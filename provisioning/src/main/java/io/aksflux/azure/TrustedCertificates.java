package io.aksflux.azure;

import io.aksflux.error.UsageException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** An SSL context that trusts the JVM's usual CAs plus the certificates of one PEM file. */
final class TrustedCertificates {
    private TrustedCertificates() {
    }

    static SSLContext withExtraCa(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int i = 0;
            for (var manager : defaults.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (var cert : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jvm-" + i++, cert);
                    }
                }
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pemFile)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new UsageException("no certificate found in CA file " + pemFile);
            }
            for (Certificate cert : extra) {
                store.setCertificateEntry("extra-" + i++, cert);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UsageException("cannot read CA file " + pemFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UsageException("CA file " + pemFile + " is not a PEM certificate: " + e.getMessage());
        }
    }

    /** Whether {@code failure} is a TLS handshake that failed because the server's certificate chain is not trusted. */
    static boolean isUntrusted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.security.cert.CertPathBuilderException || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertificateException) {
                return true;
            }
            if (t instanceof javax.net.ssl.SSLHandshakeException && t.getMessage() != null
                    && (t.getMessage().contains("PKIX") || t.getMessage().contains("certificate"))) {
                return true;
            }
        }
        return false;
    }

    /** What to say when {@link #isUntrusted} holds for a request to {@code endpoint}. */
    static String untrustedMessage(String endpoint) {
        return "the server's certificate at " + endpoint + " is not trusted; for the emulator pass --ca-file FILE or set "
                + "AKSFLUX_CA_FILE to the CA certificate `aksflux emulator` prints (a TLS-inspecting proxy's CA likewise)";
    }
}
