package io.aksflux.environment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An environment instance name: a code and an instance number ({@code snd4}). In Git paths the instance is
 * a zero-padded folder ({@code snd4} → {@code snd/04}).
 */
public record EnvironmentName(String name, String code, int number) {
    private static final Pattern NAME = Pattern.compile("^([a-z]+)([0-9]{1,2})$");
    public static final String ALLOWED = "lower-case letters followed by a 1-2 digit instance number, e.g. snd4 or prd1";

    public static Optional<EnvironmentName> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches() || Integer.parseInt(m.group(2)) == 0) {
            return Optional.empty();
        }
        return Optional.of(new EnvironmentName(name, m.group(1), Integer.parseInt(m.group(2))));
    }

    /** The zero-padded instance folder, {@code 04}. */
    public String instance() {
        return String.format("%02d", number);
    }

    /** Facts about the name that configuration and templates may reference as {@code {{env.*}}}. */
    public Optional<String> fact(String placeholder) {
        return switch (placeholder) {
            case "environment", "env.name" -> Optional.of(name);
            case "env.code" -> Optional.of(code);
            case "env.instance" -> Optional.of(instance());
            case "env.number" -> Optional.of(Integer.toString(number));
            default -> Optional.empty();
        };
    }
}
