package scarab.daemon.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds the programs that a daemon which ended without stopping them (killed -9, out of memory)
 * left behind. A session's program normally dies with its daemon: the PTY's master goes with the
 * daemon, and the kernel hangs the terminal up. One that ignores the hang-up lives on without a
 * terminal, which nothing can give back to it; the next daemon must end it before it starts the
 * command again, or the session would have two. Such a program is recognised by what Scarab gave
 * it when it started, so nothing has to be recorded before it runs: it leads its own session (the
 * daemon starts every program with setsid), that session has lost its controlling terminal (the
 * hang-up took it), and its environment names the session ({@code SCARAB_SESSION_ID}).
 */
final class LeftoverProcesses {
    private LeftoverProcesses() {}

    /** Leftover programs by pid, with the session id each was started for, among {@code sessionIds}. */
    static Map<Long, String> find(Set<String> sessionIds) {
        Map<Long, String> found = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return found;
        }
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (!leadsASessionWithoutTerminal(dir, pid)) {
                    continue;
                }
                String id = sessionId(dir);
                if (id != null && sessionIds.contains(id)) {
                    found.put(pid, id);
                }
            }
        } catch (IOException e) {
            // No /proc to look in: nothing can be found either.
        }
        return found;
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** From /proc/PID/stat: the session id is its own pid, and tty_nr is 0 (no controlling terminal). */
    private static boolean leadsASessionWithoutTerminal(Path dir, long pid) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] state, f[1] ppid, f[2] pgrp, f[3] session, f[4] tty_nr
            return !f[0].equals("Z") && Long.parseLong(f[3]) == pid && Long.parseLong(f[4]) == 0;
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile, or not ours to read
        }
    }

    private static String sessionId(Path dir) {
        byte[] env;
        try {
            env = Files.readAllBytes(dir.resolve("environ"));
        } catch (IOException e) {
            return null; // another user's process, or gone
        }
        byte[] key = "SCARAB_SESSION_ID=".getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start > key.length && java.util.Arrays.equals(env, start, start + key.length, key, 0, key.length)) {
                    return new String(env, start + key.length, i - start - key.length, StandardCharsets.US_ASCII);
                }
                start = i + 1;
            }
        }
        return null;
    }

    /**
     * Ends a leftover program and what it started (SIGKILL: it already ignored the hang-up), and
     * waits for it to go. ProcessHandle checks the start time, so a pid reused meanwhile is spared.
     */
    static boolean end(long pid) {
        return ProcessHandle.of(pid).map(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
            try {
                h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return !h.isAlive();
            }
        }).orElse(true);
    }
}
