package io.aksflux.error;


/** One thing wrong with the input: where, which field, and what is allowed. */
public record Problem(Origin origin, String field, String message) {
    /** Longer values are cut in messages: the line points at the whole value anyway. */
    static final int MAX_QUOTED = 80;

    /** A field is a path of keys as written, so it is kept inert like a quoted value. */
    public Problem {
        field = field == null ? null : inert(field);
    }

    public String render() {
        String where = origin == null ? "" : origin.render() + ": ";
        String what = field == null || field.isEmpty() ? "" : field + ": ";
        return where + what + message;
    }

    /**
     * A value as a message quotes it: in single quotes, cut after {@value #MAX_QUOTED} characters, and {@link #inert}.
     */
    public static String quote(Object value) {
        String text = String.valueOf(value);
        int length = text.codePointCount(0, text.length());
        if (length <= MAX_QUOTED) {
            return "'" + inert(text) + "'";
        }
        return "'" + inert(text.substring(0, text.offsetByCodePoints(0, MAX_QUOTED))) + "…' (" + length + " characters)";
    }

    /**
     * The text with control and invisible formatting characters escaped ({@code \n}, {@code \e}, else a {@code \\u} code), so a
     * message can never move the cursor, recolour a terminal or hide text. Escaping twice changes nothing.
     */
    public static String inert(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            out.append(isInert(c) ? new String(Character.toChars(c)) : escape(c));
        }
        return out.toString();
    }

    private static boolean isInert(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE && type != Character.UNASSIGNED;
    }

    private static String escape(int c) {
        return switch (c) {
            case 0 -> "\\0";
            case 7 -> "\\a";
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case 0x0B -> "\\v";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            case 0x1B -> "\\e";
            default -> c <= 0xFFFF ? String.format("\\u%04X", c) : String.format("\\U%08X", c);
        };
    }
}
