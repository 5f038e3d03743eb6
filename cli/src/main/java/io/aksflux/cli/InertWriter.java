package io.aksflux.cli;

import io.aksflux.secret.Redactor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import java.util.Formattable;
import java.util.Locale;

/**
 * Every writer of the command line is one of these (see {@link AksfluxCommand}): whatever a command prints passes
 * the {@link Redactor} and {@link Inert} a line at a time, so no secret and no control character or logging command
 * reaches the terminal or the pipeline log, whoever wrote the line. Line breaks stay (they are the output's own);
 * each {@code printf} argument is made one inert line, and views pass concatenated values through {@link Inert#line}.
 * aksflux's own Azure DevOps commands go through {@link #command}.
 */
final class InertWriter extends PrintWriter {
    private final Lines lines;

    private InertWriter(Lines lines) {
        super(lines, true);
        this.lines = lines;
    }

    /** {@code target} made inert; one already inert stays as it is. */
    static PrintWriter of(PrintWriter target) {
        return target instanceof InertWriter ? target : new InertWriter(new Lines(target));
    }

    /** One of aksflux's own logging commands ({@code ##vso[…]}, {@code ##[group]}), whose payload the caller made inert. */
    static void command(PrintWriter writer, String line) {
        if (writer instanceof InertWriter inert) {
            synchronized (inert.lock) {
                inert.flush();
                inert.lines.raw(line);
            }
        } else {
            writer.println(line);
            writer.flush();
        }
    }

    @Override
    public PrintWriter format(String format, Object... args) {
        return super.format(format, inert(args));
    }

    @Override
    public PrintWriter format(Locale locale, String format, Object... args) {
        return super.format(locale, format, inert(args));
    }

    private static Object[] inert(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            Object arg = out[i];
            if (arg != null && !(arg instanceof Number || arg instanceof Boolean || arg instanceof Character
                    || arg instanceof TemporalAccessor || arg instanceof Date || arg instanceof Calendar || arg instanceof Formattable)) {
                out[i] = Inert.line(arg.toString());
            }
        }
        return out;
    }

    /** Collects characters into lines and writes each one redacted and inert. */
    private static final class Lines extends Writer {
        private final PrintWriter target;
        private final StringBuilder pending = new StringBuilder();

        Lines(PrintWriter target) {
            super(target);
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            synchronized (lock) {
                for (int i = offset; i < offset + length; i++) {
                    if (chars[i] == '\n') {
                        boolean crlf = !pending.isEmpty() && pending.charAt(pending.length() - 1) == '\r';
                        if (crlf) {
                            pending.setLength(pending.length() - 1);
                        }
                        target.write(clean(pending));
                        target.write(crlf ? "\r\n" : "\n");
                        pending.setLength(0);
                    } else {
                        pending.append(chars[i]);
                    }
                }
            }
        }

        void raw(String line) {
            synchronized (lock) {
                target.write(Redactor.shared().redact(line));
                target.write(System.lineSeparator());
                target.flush();
            }
        }

        @Override
        public void flush() {
            synchronized (lock) {
                if (!pending.isEmpty()) { // a prompt without its line break
                    target.write(clean(pending));
                    pending.setLength(0);
                }
                target.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
            target.close();
        }

        private static String clean(CharSequence line) {
            return Inert.line(Redactor.shared().redact(line.toString()));
        }
    }
}
