package org.hyla4j.runner.base;

import org.hyla4j.api.InvalidSettingException;

/**
 * Bad input to the command line: a flag's value, a missing file, a run directory in use. Like the library's
 * {@link InvalidSettingException}, which it extends, it becomes one {@code error:} line and exit code 2; its message may name
 * flags and commands.
 */
public class UsageException extends InvalidSettingException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws a {@link UsageException} with the message when the condition does not hold. */
    public static void check(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new UsageException(String.format(java.util.Locale.ROOT, message, args));
        }
    }
}
