package io.aksflux.environment;

import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import io.aksflux.support.MemoryTempDir;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Given thousands of mutations of the shipped environment files (a fixed seed, so every run is the same), the loader
 * either loads the environment or refuses it with problems that each name a file and a line; nothing else escapes.
 * In process, a few seconds; a failure names the case and the mutations and keeps the mutated file under target/.
 */
class EnvironmentLoaderFuzzTest {
    private static final long SEED = 0x5EED_2026_1201L;
    private static final int CASES = 2000;
    private static final int OVERRIDE_CASES = 500;

    @TempDir(factory = MemoryTempDir.class)
    Path environments;

    @Test
    void every_mutation_of_the_shipped_files_is_loaded_or_refused_with_file_and_line() throws IOException {
        Map<String, byte[]> shipped = copyShipped();
        List<String> names = new EnvironmentLoader(environments, templates(), Map.of()).environmentNames();
        EnvironmentLoader loader = new EnvironmentLoader(environments, templates(), Map.of());
        Random random = new Random(SEED);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String environment = names.get(random.nextInt(names.size()));
            String file = random.nextInt(5) == 0 ? EnvironmentLoader.DEFAULTS_FILE : environment + ".yaml";
            List<String> applied = new ArrayList<>();
            byte[] mutated = shipped.get(file);
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                applied.add(mutation.name());
                mutated = mutation.apply(mutated, random);
            }
            Files.write(environments.resolve(file), mutated);
            Path kept = Path.of("target", "fuzz-failure-" + i + "-" + file);
            try {
                if (outcome(loader, environment, List.of(), "case " + i + " " + file + " " + applied + " (kept as " + kept + ")")) {
                    loaded++;
                } else {
                    refused++;
                }
            } catch (AssertionError e) {
                Files.write(kept, mutated);
                throw e;
            } finally {
                Files.write(environments.resolve(file), shipped.get(file));
            }
        }
        // the mutations must exercise both answers, or the test proves little
        assertThat(refused).as("refused").isGreaterThan(CASES / 2);
        assertThat(loaded).as("loaded").isGreaterThan(CASES / 50);
    }

    @Test
    void every_random_override_is_applied_or_refused_naming_the_set_option_or_a_line() throws IOException {
        copyShipped();
        EnvironmentLoader loader = new EnvironmentLoader(environments, templates(), Map.of());
        List<String> keys = List.of("azure.cluster", "azure.subscriptionId", "layout", "flux.interval", "flux.name",
                "flux.kustomizations.infra.path", "flux.kustomizations.infra.dependsOn", "flux.kustomizations.infra",
                "extension.settings.helm-controller.enabled", "repos.core.url", "notifications.enabled", "notifications",
                "flux.kustomizations.infra.substitute.X", "\"quoted.key\".x", "azure..cluster", "flux.protectedSettings.httpsKey");
        Random random = new Random(SEED);
        for (int i = 0; i < OVERRIDE_CASES; i++) {
            List<String> overrides = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String key = random.nextInt(10) == 0 ? randomText(random, 1 + random.nextInt(12)) : keys.get(random.nextInt(keys.size()));
                overrides.add(key + (random.nextInt(20) == 0 ? "" : "=") + overrideValue(random));
            }
            outcome(loader, "snd4", overrides, "override case " + i + " " + overrides.stream().map(Problem::quote).toList());
        }
    }

    /** @return true when loaded, false when refused as it should be; fails the test for anything else */
    private boolean outcome(EnvironmentLoader loader, String environment, List<String> overrides, String description) {
        try {
            loader.load(environment, overrides);
            return true;
        } catch (EnvironmentException e) {
            assertThat(e.problems()).as(description).isNotEmpty();
            for (Problem p : e.problems()) {
                assertThat(p.origin()).as(description + ": %s", p.render()).isNotNull();
                if (!p.origin().source().equals("--set")) {
                    assertThat(Path.of(p.origin().source())).as(description + ": %s", p.render()).isRegularFile();
                    assertThat(p.origin().line()).as(description + ": %s", p.render()).isPositive();
                }
                assertThat(p.render().codePoints().filter(c -> Character.getType(c) == Character.CONTROL))
                        .as(description + ": message is inert: %s", p.render()).isEmpty();
            }
            return false;
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            return fail(description + ": escaped the loader: " + trace);
        }
    }

    private Map<String, byte[]> copyShipped() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> shipped = Files.list(Workspaces.environments())) {
            for (Path file : shipped.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                files.put(file.getFileName().toString(), bytes);
                Files.write(environments.resolve(file.getFileName()), bytes);
            }
        }
        return files;
    }

    private static TemplateSource templates() {
        return TemplateSource.directory(Workspaces.templates());
    }

    private static final String[] ODD = {"\u0000", "\u001b[31m", "\t", "\r", "\r\n", "\u0085", "\u2028", "\u202e", "\ufeff",
            "\ud83d\ude00", "\u00e9", "\u7f16", "\u007f", "\u0090", "\ufffe", "\\", "\"", "'", ":", ": ", "- ", "#", "&a ",
            "*a", "!", "!!", "|", ">", "%", "@", "`", "{", "}", "[", "]", ",", "?", "---", "...", "{{", "}}", "${env:", "~"};

    private static final String[] VALUES = {"[1, 2]", "{a: b}", "true", "false", "12", "-1", "0", "1e400", "0x1F", "1:30",
            "~", "null", "''", "\"\"", "!!binary AAAA", "!!int x", "!!float y", "!!set {a}", "!!python/object:x {}", "!foo bar",
            "2025-01-01", "2001-12-14t21:59:43.10-05:00", "\"{{nope}}\"", "\"{{azure.cluster}}\"", "\"{{env.code}}\"",
            "\"{{flux.name}}{{flux.name}}\"", "${env:NOPE}", "${keyvault:kv/s}", "*a", "&a v", "<<", "\"\\e[2J\"",
            "\"\\0\"", "\"a\\nb\"", "|\n  block\n", ">-\n  folded\n", "\"" + "x".repeat(70_000) + "\"", "./../etc", "/abs",
            "https://user:pw@host/x", "git@host:p", "Flux_Config", "a".repeat(300), "? complex\n: key"};

    private static String overrideValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> VALUES[random.nextInt(VALUES.length)];
            case 1 -> randomText(random, random.nextInt(20));
            case 2 -> ODD[random.nextInt(ODD.length)] + VALUES[random.nextInt(VALUES.length)];
            default -> "null";
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(3) == 0 ? ODD[random.nextInt(ODD.length)] : String.valueOf((char) (0x20 + random.nextInt(0x5F))));
        }
        return out.toString();
    }

    /** One way of breaking a file; each keeps to the bytes it is given and the random source, so a seed replays it. */
    private enum Mutation {
        FLIP_BYTE((b, r) -> {
            byte[] out = b.clone();
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
            return out;
        }),
        FLIP_BIT((b, r) -> {
            byte[] out = b.clone();
            out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
            return out;
        }),
        TRUNCATE((b, r) -> Arrays.copyOf(b, r.nextInt(b.length + 1))),
        DUPLICATE_LINE(lines((lines, r) -> {
            int at = r.nextInt(lines.size());
            lines.add(r.nextInt(lines.size() + 1), lines.get(at));
        })),
        REMOVE_LINE(lines((lines, r) -> lines.remove(r.nextInt(lines.size())))),
        SWAP_LINES(lines((lines, r) -> {
            int a = r.nextInt(lines.size());
            int b = r.nextInt(lines.size());
            String line = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, line);
        })),
        INDENT(lines((lines, r) -> {
            int at = r.nextInt(lines.size());
            lines.set(at, r.nextBoolean() ? " ".repeat(1 + r.nextInt(4)) + lines.get(at) : lines.get(at).stripLeading());
        })),
        ODD_CHARACTERS(text((s, r) -> {
            StringBuilder out = new StringBuilder(s);
            for (int n = 1 + r.nextInt(4); n > 0; n--) {
                out.insert(r.nextInt(out.length() + 1), r.nextBoolean() ? ODD[r.nextInt(ODD.length)]
                        : new String(Character.toChars(r.nextInt(0x10FFFF + 1))));
            }
            return out.toString();
        })),
        DEEP_NESTING(lines((lines, r) -> {
            int depth = 10 + r.nextInt(r.nextBoolean() ? 20 : 5000);
            StringBuilder block = new StringBuilder();
            if (r.nextBoolean()) {
                block.append("deep: ").append("[".repeat(depth)).append("]".repeat(depth));
            } else {
                for (int i = 0; i < Math.min(depth, 200); i++) {
                    block.append(" ".repeat(2 * i)).append("k").append(i).append(":\n");
                }
                block.append(" ".repeat(400)).append("v: 1");
            }
            lines.add(r.nextInt(lines.size() + 1), block.toString());
        })),
        ALIASES(text((s, r) -> {
            StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int i = 1; i < 10; i++) {
                bomb.append("a").append(i).append(": &a").append(i).append(" [")
                        .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
            }
            return r.nextBoolean() ? s + "\n" + bomb : s.replaceFirst("(?m)^(\\w+):", "$1: &top") + "\nagain: *top\n";
        })),
        HUGE_SCALAR(lines((lines, r) -> {
            int at = r.nextInt(lines.size());
            int size = r.nextInt(10) == 0 ? 1_100_000 : 1_000 + r.nextInt(200_000);
            lines.set(at, lines.get(at).replaceFirst(":\\s.*$", ": " + "x".repeat(size)));
        })),
        WRONG_TYPE(lines((lines, r) -> {
            int at = r.nextInt(lines.size());
            lines.set(at, lines.get(at).replaceFirst(":\\s.*$|:$", Matcher.quoteReplacement(": " + VALUES[r.nextInt(VALUES.length)])));
        }));

        private final BiFunction<byte[], Random, byte[]> change;

        Mutation(BiFunction<byte[], Random, byte[]> change) {
            this.change = change;
        }

        byte[] apply(byte[] bytes, Random random) {
            // a file already truncated to nothing: start again from a broken line
            return bytes.length == 0 ? "x: [".getBytes(StandardCharsets.UTF_8) : change.apply(bytes, random);
        }

        private static BiFunction<byte[], Random, byte[]> text(BiFunction<String, Random, String> change) {
            return (b, r) -> change.apply(new String(b, StandardCharsets.UTF_8), r).getBytes(StandardCharsets.UTF_8);
        }

        private static BiFunction<byte[], Random, byte[]> lines(java.util.function.BiConsumer<List<String>, Random> change) {
            return text((s, r) -> {
                List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
                change.accept(lines, r);
                return String.join("\n", lines);
            });
        }
    }
}
