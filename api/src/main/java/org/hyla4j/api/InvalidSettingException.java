package org.hyla4j.api;

/**
 * Bad input from a user: an unknown id, a number out of range, a missing file. The runner prints
 * its message as one line and exits with code 2; library code throws it instead of
 * {@link IllegalArgumentException} wherever the message is meant for a person.
 */
public class UsageException extends RuntimeException {

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
