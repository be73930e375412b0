package org.hyla4j.runner.base;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

    /** A position in SnakeYAML's message ("in 'reader', line 4, column 3:"); the last one is where it found the problem. */
    private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+):");

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
            throw new UsageException("cannot read " + file + ": " + problem(e));
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
            throw new UsageException("config file " + file + ": " + problem(e));
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
            throw new UsageException(name + ": " + problem(e));
        }
    }

    /** A parsed tree as {@code type}, refusing unknown fields; a mismatch is one usage error naming {@code where}. */
    public static <T> T strict(JsonNode node, String where, Class<T> type) {
        try {
            return STRICT_JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new UsageException(where + ": " + problem(e));
        }
    }

    /**
     * A failure to read or map a JSON or YAML document as one line: where it is ("line 4, column 3") when the parser
     * knows, and what is wrong, without the source excerpt Jackson and SnakeYAML add on further lines. For a YAML syntax
     * error the place is SnakeYAML's own mark of the problem, which is more exact than Jackson's; its context ("while
     * parsing a flow mapping") and problem ("expected ',' or '}', but got <scalar>") are both kept.
     */
    public static String problem(IOException e) {
        String message = e.getMessage();
        if (!(e instanceof JsonProcessingException j) || message == null) {
            return IoProblem.describe(e);
        }
        String what = message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining(": "));
        String where = null;
        Matcher mark = YAML_MARK.matcher(String.valueOf(j.getOriginalMessage()));
        while (mark.find()) {
            where = "line " + mark.group(1) + ", column " + mark.group(2);
        }
        JsonLocation at = j.getLocation();
        if (where == null && at != null && at.getLineNr() > 0) {
            where = "line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return where == null ? what : where + ": " + what;
    }
}
