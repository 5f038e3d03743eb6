package io.aksflux.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before anyone sees it: every value registered here (tokens, protected settings,
 * connection strings, as read at run time, and their base64, JSON and URL-encoded forms) and whatever has the
 * shape of a credential ({@code Bearer …}, {@code SharedAccessKey=…}, {@code AccountKey=…},
 * {@code SharedAccessSignature …}, JWTs, private keys, userinfo in URLs, {@code configurationProtectedSettings}
 * objects). One per process ({@link #shared()}): secrets are read in many places and exceptions are made where no
 * context reaches, and a registry that only grows during a run can only hide more.
 */
public final class Redactor {
    public static final String MASK = "***";
    /** Shorter values are not secrets worth the false matches (an emulator token such as {@code demo}). */
    static final int MIN_LENGTH = 8;
    private static final Redactor SHARED = new Redactor();

    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)([^/@\\s\"']+)@");
    private static final List<Map.Entry<Pattern, String>> SHAPES = List.of(
            Map.entry(Pattern.compile("(?i)\\b(bearer)(\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"), "$1$2" + MASK),
            Map.entry(Pattern.compile("\\b(Basic)(\\s+)[A-Za-z0-9+/]{8,}=*"), "$1$2" + MASK),
            // key=value as in connection strings and queries; a reference (${env:…}) names a secret, it is not one
            Map.entry(Pattern.compile("(?i)\\b(SharedAccessKey|AccountKey|SharedAccessSignature|sig|password|pwd|client_secret|access_token|refresh_token)(\\s*=\\s*)(?!\\$\\{)[^;&\\s\"',}]+"),
                    "$1$2" + MASK),
            Map.entry(Pattern.compile("(?i)\"(SharedAccessKey|AccountKey|password|pwd|client_secret|access_token|refresh_token)\"(\\s*:\\s*)\"(?!\\$\\{)[^\"]*\""),
                    "\"$1\"$2\"" + MASK + "\""),
            Map.entry(Pattern.compile("(?i)\\b(SharedAccessSignature)(\\s+)[^;\"'\\s]+"), "$1$2" + MASK),
            Map.entry(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), MASK),
            Map.entry(Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"),
                    "-----BEGIN $1PRIVATE KEY-----" + MASK + "-----END $1PRIVATE KEY-----"),
            Map.entry(Pattern.compile("(\"?configurationProtectedSettings\"?\\s*[:=]\\s*)\\{[^}]*}"), "$1{" + MASK + "}"));

    private final List<String> secrets = new CopyOnWriteArrayList<>(); // longest first, so a secret inside another goes with it

    /** The redactor of this process: every error path and every line the CLI writes passes through it. */
    public static Redactor shared() {
        return SHARED;
    }

    /** Remembers a secret just read, in every form it may be quoted in. Short or blank values are ignored. */
    public void register(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            return;
        }
        List<String> forms = new ArrayList<>(List.of(secret, secret.strip(),
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode(secret, StandardCharsets.UTF_8), jsonEscaped(secret)));
        // a multi-line secret (a private key) may be quoted a line at a time
        secret.lines().map(String::strip).filter(line -> line.length() >= 16).forEach(forms::add);
        synchronized (secrets) {
            forms.stream().filter(f -> f.length() >= MIN_LENGTH && !secrets.contains(f)).forEach(secrets::add);
            List<String> sorted = new ArrayList<>(secrets);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            secrets.clear();
            secrets.addAll(sorted);
        }
    }

    /** {@code text} with every registered secret and every credential-shaped string replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        for (Map.Entry<Pattern, String> shape : SHAPES) {
            out = shape.getKey().matcher(out).replaceAll(shape.getValue());
        }
        return withoutUserInfo(out);
    }

    /**
     * URLs without userinfo, which may hold a token; an SSH user name alone ({@code ssh://git@host/…}) is part of the
     * address, not a secret, and stays.
     */
    public static String withoutUserInfo(String text) {
        return USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).equalsIgnoreCase("ssh://") && !m.group(2).contains(":") ? m.group() : m.group(1)));
    }

    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
