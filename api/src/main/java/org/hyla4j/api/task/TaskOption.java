package org.hyla4j.api.task;

/**
 * One option of a task.
 *
 * @param key name as used on the command line, e.g. {@code frac_test}
 * @param defaultValue the paper's default
 * @param description one line, for {@code --help} and {@code hyla4j list}
 */
public record TaskOption(String key, String defaultValue, String description) {
}
