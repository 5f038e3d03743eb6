package io.aksflux.conformance;

import io.aksflux.support.Reference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The Flux extension module of the reference platform's bicep, read from the {@code adp-infrastructure} snapshot
 * (reference/adp-platform/adp-infrastructure.tar.gz) as the oracle for aksflux's ARM bodies: its {@code params}
 * object parsed into maps, lists and scalars (quotes removed; expressions such as {@code tenant().tenantId} kept as
 * written). A reader for the few bicep shapes that module uses, not a bicep parser.
 */
final class PlatformBicep {
    static final String ARCHIVE = "adp-platform/adp-infrastructure.tar.gz";
    static final String FILE = "adp-infrastructure/infra/core/env/managed-cluster/aks-cluster.bicep";
    static final String PARAMS_FILE = "adp-infrastructure/infra/core/env/managed-cluster/aks-cluster.bicepparam";

    private PlatformBicep() {
    }

    /** The {@code params} of {@code module fluxExtensionResource}. */
    static Map<String, Object> fluxExtensionParams() {
        String bicep = snapshotFile(FILE);
        int module = bicep.indexOf("module fluxExtensionResource ");
        int params = bicep.indexOf("params: {", module);
        if (module < 0 || params < 0) {
            throw new AssertionError("no fluxExtensionResource module with params in " + FILE);
        }
        return parseObject(bicep.substring(params + "params: {".length()));
    }

    /** The {@code fluxConfig} parameter of the bicepparam file (sync intervals, timeouts, paths). */
    static Map<String, Object> fluxConfigParam() {
        String params = snapshotFile(PARAMS_FILE);
        int start = params.indexOf("param fluxConfig = {");
        return parseObject(params.substring(start + "param fluxConfig = {".length()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** Newline-separated {@code key: value} entries up to the closing brace of the object that was opened. */
    private static Map<String, Object> parseObject(String text) {
        Map<String, Object> root = new LinkedHashMap<>();
        Deque<Object> open = new ArrayDeque<>();
        open.push(root);
        for (String raw : text.split("\n")) {
            String line = raw.replaceAll("\\s+//.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("}") || line.equals("]")) {
                open.pop();
                if (open.isEmpty()) {
                    return root;
                }
                continue;
            }
            Object container = open.peek();
            if (container instanceof List<?> list) {
                @SuppressWarnings("unchecked") List<Object> items = (List<Object>) list;
                Object item = line.equals("{") ? new LinkedHashMap<String, Object>() : scalar(line);
                items.add(item);
                if (line.equals("{")) {
                    open.push(item);
                }
                continue;
            }
            int colon = keyEnd(line);
            String key = unquote(line.substring(0, colon).strip());
            String value = line.substring(colon + 1).strip();
            Map<String, Object> object = map(container);
            if (value.equals("{")) {
                Map<String, Object> child = new LinkedHashMap<>();
                object.put(key, child);
                open.push(child);
            } else if (value.equals("[")) {
                List<Object> child = new ArrayList<>();
                object.put(key, child);
                open.push(child);
            } else if (value.equals("[]")) {
                object.put(key, new ArrayList<>());
            } else {
                object.put(key, scalar(value));
            }
        }
        throw new AssertionError("unterminated bicep object in the snapshot");
    }

    /** Where a key ends: the first ':' outside quotes. */
    private static int keyEnd(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        throw new AssertionError("not a bicep property: " + line);
    }

    private static Object scalar(String value) {
        return unquote(value);
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1) : text;
    }

    /** One file of a snapshot archive (ustar, gzip), read without unpacking the rest. */
    static String snapshotFile(String path) {
        Path archive = Reference.root().resolve(ARCHIVE);
        if (!Files.isRegularFile(archive)) {
            throw new AssertionError("reference snapshot " + archive + " not found");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = longName != null ? longName : text(header, 345, 155).isEmpty() ? text(header, 0, 100)
                        : text(header, 345, 155) + "/" + text(header, 0, 100);
                longName = null;
                long size = Long.parseLong(text(header, 124, 12).isEmpty() ? "0" : text(header, 124, 12), 8);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                char type = (char) header[156];
                if (type == 'L') {
                    longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                } else if (name.replaceFirst("^\\./", "").equals(path)) {
                    return new String(content, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(path + " not found in " + archive);
    }

    private static String text(byte[] header, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = offset; i < offset + length && header[i] != 0; i++) {
            out.write(header[i]);
        }
        return out.toString(StandardCharsets.US_ASCII).strip();
    }
}
