package org.hyla4j.runner.base;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyla4j.api.UsageException;
import org.hyla4j.core.io.AtomicFile;

/** JSON and YAML with sorted keys, written atomically. */
public final class Json {

    /** Pretty JSON with sorted keys. */
    public static final ObjectMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    /** One-line JSON (for JSON lines). */
    public static final ObjectMapper LINE = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    /** Pretty JSON with snake_case keys in declaration order (for rows that programs read, e.g. {@code bench --json}). */
    public static final ObjectMapper SNAKE = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper STRICT_YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Json() {
    }

    /** Writes {@code value} as pretty JSON to {@code file}, atomically ({@link AtomicFile}). */
    public static void write(Path file, Object value) {
        try {
            AtomicFile.write(file, out -> PRETTY.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSON file as a tree; a missing or malformed file is a usage error. */
    public static JsonNode read(Path file) {
        try {
            return PRETTY.readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + firstLine(e.getMessage()));
        }
    }

    /**
     * Reads a JSON or YAML file (by extension) into {@code target}, field by field; an unknown field, a missing or
     * malformed file is a usage error naming the file.
     */
    public static <T> T update(Path file, T target) {
        UsageException.check(Files.isRegularFile(file), "config file %s does not exist", file);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? STRICT_YAML : STRICT_JSON;
        try {
            return mapper.readerForUpdating(target).readValue(file.toFile());
        } catch (IOException e) {
            throw new UsageException("config file " + file + ": " + firstLine(e.getMessage()));
        }
    }

    /**
     * Reads a whole JSON or YAML document (YAML when {@code name} ends in .yaml or .yml) into a {@code type}; an unknown field or
     * a malformed document is a usage error naming {@code name}.
     */
    public static <T> T readStrict(java.io.InputStream in, String name, Class<T> type) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? STRICT_YAML : STRICT_JSON;
        try (in) {
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UsageException(name + ": " + firstLine(e.getMessage()));
        }
    }

    /** A parsed tree as {@code type}, refusing unknown fields; a mismatch is one usage error naming {@code where}. */
    public static <T> T strict(JsonNode node, String where, Class<T> type) {
        try {
            return STRICT_JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new UsageException(where + ": " + firstLine(e.getMessage()));
        }
    }

    /** The first line of an exception message (Jackson's run on with a source excerpt). */
    public static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
