package org.hyla4j.api.task;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hyla4j.api.InvalidSettingException;

/**
 * Task options resolved against their declarations: defaults first, then the given values. Unknown
 * keys and unparsable values fail with a one-line {@link InvalidSettingException}.
 */
public final class TaskOptions {

    private final String taskId;
    private final Map<String, String> values;

    private TaskOptions(String taskId, Map<String, String> values) {
        this.taskId = taskId;
        this.values = values;
    }

    /** Resolves {@code given} against {@code declared}. */
    public static TaskOptions resolve(String taskId, List<TaskOption> declared, Map<String, String> given) {
        Map<String, String> values = new TreeMap<>();
        for (TaskOption o : declared) {
            values.put(o.key(), o.defaultValue());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new InvalidSettingException(String.format("unknown option '%s' for task %s; known: %s", e.getKey(), taskId,
                        declared.stream().map(TaskOption::key).collect(Collectors.joining(", "))));
            }
            values.put(e.getKey(), e.getValue().trim());
        }
        return new TaskOptions(taskId, values);
    }

    /** All resolved values, sorted by key. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /** A text option as given (possibly empty). */
    public String getString(String key) {
        return values.get(key);
    }

    /** An integer option in [min, max]. */
    public int getInt(String key, int min, int max) {
        String v = values.get(key);
        try {
            int i = Integer.parseInt(v);
            InvalidSettingException.check(i >= min && i <= max, "option %s of task %s must be in [%d, %d], got %d", key, taskId, min, max, i);
            return i;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(String.format("option %s of task %s must be an integer, got '%s'", key, taskId, v));
        }
    }

    /** A number in [min, max) . */
    public double getFraction(String key, double min, double maxExclusive) {
        String v = values.get(key);
        try {
            double d = Double.parseDouble(v);
            InvalidSettingException.check(d >= min && d < maxExclusive, "option %s of task %s must be in [%s, %s), got %s",
                    key, taskId, min, maxExclusive, v);
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(String.format("option %s of task %s must be a number, got '%s'", key, taskId, v));
        }
    }

    /** A boolean option ({@code true} or {@code false}). */
    public boolean getBoolean(String key) {
        String v = values.get(key);
        InvalidSettingException.check("true".equals(v) || "false".equals(v), "option %s of task %s must be true or false, got '%s'", key, taskId, v);
        return Boolean.parseBoolean(v);
    }
}
