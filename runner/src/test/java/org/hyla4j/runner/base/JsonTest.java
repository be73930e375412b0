package org.hyla4j.runner.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed JSON or YAML file is one usage error that says where and what, without the parser's source excerpt. */
class JsonTest {

    /** A document of two fields, for the strict readers. */
    public static final class Doc {
        public String method;
        public int steps;
        public java.util.Map<String, Object> parameters;
    }

    private static String strictError(String name, String text) {
        try {
            Json.readStrict(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name, Doc.class);
        } catch (org.hyla4j.api.InvalidSettingException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void aYamlSyntaxErrorIsPlacedAtSnakeYamlsMarkWithItsContextAndProblem() {
        // Jackson's own location for this one is line 3, column 42 (the end of the unclosed mapping's line)
        assertThat(strictError("a.yaml", "method: grid\nparameters: {a: [1]\n  b: 2\n"))
                .isEqualTo("a.yaml: line 3, column 3: while parsing a flow mapping: expected ',' or '}', but got <scalar>");
        assertThat(strictError("b.yaml", "method: grid\n  steps: 2\n"))
                .isEqualTo("b.yaml: line 2, column 8: mapping values are not allowed here");
        assertThat(strictError("c.yml", "method:\tgrid\nsteps: 2\n"))
                .startsWith("c.yml: line 1, column 8: while scanning for the next token: found character '\\t(TAB)'")
                .doesNotContain("\n");
    }

    @Test
    void aMappingErrorKeepsJacksonsPlaceAndItsFirstLine() {
        assertThat(strictError("d.yaml", "method: grid\nsteps: many\n"))
                .startsWith("d.yaml: line 2, column 8: Cannot deserialize value of type `int` from String \"many\"")
                .doesNotContain("\n", "[Source");
        assertThat(strictError("e.json", "{\"method\": \"grid\",\n \"stepz\": 2}"))
                .startsWith("e.json: line 2, column 12: Unrecognized field \"stepz\"")
                .contains("known properties: \"method\", \"parameters\", \"steps\"")
                .doesNotContain("\n", "REDACTED");
    }

    @Test
    void aTruncatedJsonFileSaysWhereItEnds(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("result.json"), "{\n  \"steps\": 2,\n");
        assertThatThrownBy(() -> Json.read(f)).isInstanceOf(UsageException.class)
                .hasMessage("cannot read " + f + ": line 3, column 1: Unexpected end-of-input within/between Object entries");
    }

    @Test
    void anErrorThatIsNotTheParsersIsItsFirstLine() {
        assertThat(Json.problem(new IOException("disk on fire\nmore"))).isEqualTo("disk on fire");
        assertThat(Json.problem(new IOException((String) null))).isEqualTo("unreadable");
    }
}
