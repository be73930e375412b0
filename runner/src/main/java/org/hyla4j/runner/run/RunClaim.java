package org.hyla4j.runner.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hyla4j.runner.base.UsageException;
import org.hyla4j.runner.base.Json;

/**
 * The exclusive claim of a run directory by one training process, so that two processes never train the same run at once
 * (two {@code train --out DIR}, two sweeps sharing a run, a retried Spark task beside the attempt it replaces).
 *
 * <p>The claim is {@code owner.json} (host, pid, since, a random token), created atomically as a hard link to a fully written
 * temporary file, so nobody ever reads it half-written. Its owner touches it every heartbeat; a claim whose file has not been
 * touched for {@link #staleAfter()}, or whose owner was a process of this host that no longer exists, belongs to a process
 * that died without releasing it (a lost node, a SIGKILL, a JVM that a signal ended before it unwound), and the next process
 * takes it over by renaming it away first (an atomic step only one contender wins).
 */
public final class RunClaim implements AutoCloseable {

    /** The claim's file in a run directory. */
    public static final String FILE = "owner.json";

    private final Path file;
    private final String token;
    private final ScheduledExecutorService heartbeat;
    private volatile Runnable onLost = () -> { };

    private RunClaim(Path file, String token) {
        this.file = file;
        this.token = token;
        long every = Math.max(1, staleAfter().toSeconds() / 4);
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hyla4j-claim-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::touch, every, every, TimeUnit.SECONDS);
    }

    /** How long a claim may go without a heartbeat before it counts as abandoned (system property {@code hyla4j.claim.staleSeconds}, default 60). */
    public static Duration staleAfter() {
        return Duration.ofSeconds(Long.getLong("hyla4j.claim.staleSeconds", 60));
    }

    /**
     * Claims {@code dir} for this process. A live claim held by another process is waited for up to {@code wait}, then refused
     * with one line naming its owner; an abandoned one is taken over.
     */
    public static RunClaim acquire(Path dir, Duration wait) {
        Path file = dir.resolve(FILE);
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (tryCreate(file, token)) {
                return new RunClaim(file, token);
            }
            Owner o = Owner.read(file);
            if (o == null) {
                continue; // released (or taken over) between our attempt and the read
            }
            if (!o.live()) {
                takeOver(file, o.token());
                continue;
            }
            if (System.nanoTime() >= deadline) {
                throw refusal(dir, o);
            }
            sleep();
        }
    }

    /** Refuses, as {@link #acquire} would, when a live process holds {@code dir}: for a command to check before it prints anything. */
    public static void refuseIfHeld(Path dir) {
        Owner o = owner(dir);
        if (o != null && o.live()) {
            throw refusal(dir, o);
        }
    }

    /** The refusal when another live process holds the directory: a usage error whose exit code says "try again" ({@code Exits.BUSY}). */
    public static final class Held extends UsageException {
        private static final long serialVersionUID = 1L;

        Held(String message) {
            super(message);
        }
    }

    private static UsageException refusal(Path dir, Owner o) {
        return new Held(String.format("run directory %s is in use by %s (pid %d) since %s, heartbeat %d s ago; wait for it "
                + "to finish or stop it (a claim with no heartbeat for %d s is taken over)", dir, o.host(), o.pid(), o.since(),
                o.age().toSeconds(), staleAfter().toSeconds()));
    }

    /** The current owner of {@code dir}, or null when nobody has claimed it. */
    public static Owner owner(Path dir) {
        return Owner.read(dir.resolve(FILE));
    }

    /**
     * Who holds a claim.
     *
     * @param host host name
     * @param pid process id
     * @param since when it claimed the directory
     * @param heartbeat the last heartbeat (the file's modification time)
     */
    public record Owner(String host, long pid, String since, Instant heartbeat, String token) {

        /** Time since the last heartbeat. */
        public Duration age() {
            return Duration.between(heartbeat, Instant.now());
        }

        /**
         * Whether the owner is alive: its heartbeat is recent and, when it ran on this host, its process still exists (a
         * process that ended between saving its checkpoint and releasing its claim, or was killed, needs no waiting for).
         */
        public boolean live() {
            if (host.equals(hostName()) && pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return false;
            }
            return age().compareTo(staleAfter()) <= 0;
        }

        static Owner read(Path file) {
            try {
                FileTime t = Files.getLastModifiedTime(file);
                JsonNode n = Json.PRETTY.readTree(Files.readAllBytes(file));
                return new Owner(n.path("host").asText("?"), n.path("pid").asLong(-1), n.path("since").asText("?"), t.toInstant(),
                        n.path("token").asText(""));
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) { // unreadable: judge by its time alone
                try {
                    return new Owner("?", -1, "?", Files.getLastModifiedTime(file).toInstant(), "");
                } catch (IOException gone) {
                    return null;
                }
            }
        }
    }

    private static boolean tryCreate(Path file, String token) {
        Path tmp = file.resolveSibling(FILE + "." + token + ".tmp");
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", hostName());
            m.put("pid", ProcessHandle.current().pid());
            m.put("since", Instant.now().toString());
            m.put("token", token);
            Files.write(tmp, Json.PRETTY.writeValueAsBytes(m));
            try {
                Files.createLink(file, tmp); // atomic: fails when the claim exists
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) { // a file system without hard links: create, then fill
                Files.write(file, Json.PRETTY.writeValueAsBytes(m), java.nio.file.StandardOpenOption.CREATE_NEW);
                return true;
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim " + file.getParent() + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temporary file does no harm
            }
        }
    }

    /**
     * Renames the abandoned claim away, and puts it back when what was renamed is not the claim judged abandoned (another
     * contender took over in between and made its own claim, which must stand).
     */
    private static void takeOver(Path file, String staleToken) {
        try {
            Path away = file.resolveSibling(FILE + ".stale-" + UUID.randomUUID());
            Files.move(file, away); // only one contender's rename finds the file
            Owner movedOwner = Owner.read(away);
            String moved = movedOwner == null ? "" : movedOwner.token();
            if (!moved.equals(staleToken)) {
                try {
                    Files.createLink(file, away); // atomic: only if no newer claim has appeared meanwhile
                } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
                    // a third claim stands now; the one we moved lost anyway
                }
            }
            Files.deleteIfExists(away);
        } catch (NoSuchFileException e) {
            // another process took it over first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take over the abandoned claim " + file + ": " + e.getMessage(), e);
        }
    }

    /** What to do when the claim turns out to be someone else's (it went stale and was taken over): stop training. */
    public RunClaim onLost(Runnable action) {
        this.onLost = action;
        return this;
    }

    private void touch() {
        try {
            if (ours()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } else {
                heartbeat.shutdown();
                onLost.run();
            }
        } catch (IOException ignored) {
            // the next beat tries again
        }
    }

    private boolean ours() {
        try {
            return token.equals(Json.PRETTY.readTree(Files.readAllBytes(file)).path("token").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Releases the claim (when it is still ours). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            if (ours()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // an unreleased claim goes stale and is taken over
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while waiting for a run directory");
        }
    }
}
