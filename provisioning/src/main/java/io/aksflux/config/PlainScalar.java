package io.aksflux.config;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an unquoted YAML value is typed, by the YAML 1.2 core schema: {@code true}/{@code false}, {@code null}/{@code ~}/
 * nothing, decimal, {@code 0o} octal and {@code 0x} hexadecimal whole numbers, and decimal numbers. Unlike YAML 1.1 there
 * is no {@code yes}/{@code on}, no {@code 010} as eight, no {@code 1:30} as ninety and no dates: those are the text as written.
 */
public final class PlainScalar {
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.nan|\\.NaN|\\.NAN");

    private PlainScalar() {
    }

    /** The typed value of unquoted text: Boolean, Integer, Long, BigInteger, Double, null, or the text itself. */
    public static Object of(String text) {
        return isNull(text) ? null : as("bool", text).or(() -> as("int", text)).or(() -> as("float", text))
                .orElse(text);
    }

    public static boolean isNull(String text) {
        return NULL.matcher(text).matches();
    }

    /** The value of text with an explicit type ({@code !!int}); empty when the text is not of that type (or it is null). */
    public static Optional<Object> as(String type, String text) {
        return switch (type) {
            case "str" -> Optional.of(text);
            case "bool" -> BOOL.matcher(text).matches() ? Optional.of(text.equalsIgnoreCase("true")) : Optional.empty();
            case "int" -> DECIMAL.matcher(text).matches() ? Optional.of(whole(new BigInteger(text)))
                    : OCTAL.matcher(text).matches() ? Optional.of(whole(new BigInteger(text.substring(2), 8)))
                    : HEX.matcher(text).matches() ? Optional.of(whole(new BigInteger(text.substring(2), 16))) : Optional.empty();
            case "float" -> FLOAT.matcher(text).matches() ? Optional.of(Double.parseDouble(text))
                    : INFINITY.matcher(text).matches() ? Optional.of(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : NAN.matcher(text).matches() ? Optional.of(Double.NaN) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Integer when it fits, as SnakeYAML gives it, then Long, then BigInteger. */
    private static Object whole(BigInteger n) {
        return n.bitLength() < 32 ? (Object) n.intValue() : n.bitLength() < 64 ? (Object) n.longValue() : n;
    }
}
