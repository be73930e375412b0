package org.hyla4j.api;

/**
 * A value given to hyla4j is invalid: a size out of range, an unknown id, a task option a task refuses. Its message is
 * one sentence meant for a person and names the setting, not how an application spells it (an application shows it as
 * it likes: hyla4j's command line prints it as one {@code error:} line with exit code 2). An
 * {@link IllegalArgumentException}, so a DJL program treats it like any other bad argument.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws an {@link InvalidSettingException} with the message when the condition does not hold. */
    public static void check(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new InvalidSettingException(String.format(java.util.Locale.ROOT, message, args));
        }
    }
}
