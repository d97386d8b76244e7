package scarab.client.daemon;

import java.util.concurrent.locks.LockSupport;

/**
 * Closes a connection whose daemon does not answer in time, so that a stuck daemon (or anything
 * else listening on the socket) cannot hang a client forever: a blocked read or write then fails,
 * and the connection reports {@link #expired()}. Its own thread, started at the first deadline
 * (a socket channel's blocking read has no timeout of its own).
 */
final class AnswerDeadline extends Thread {
    private final Transport channel;
    /** System.nanoTime() by which the answer must have come; 0 while none is awaited. */
    private volatile long deadline;
    private volatile boolean expired;
    private volatile boolean finished;

    AnswerDeadline(Transport channel) {
        super("scarab-answer-deadline");
        this.channel = channel;
        setDaemon(true);
    }

    /** From now on the connection must make progress within {@code millis}; 0 or less: no limit. */
    void arm(long millis) {
        if (millis <= 0) {
            deadline = 0;
            return;
        }
        deadline = (System.nanoTime() + millis * 1_000_000L) | 1; // never 0
        if (getState() == State.NEW) {
            start();
        } else {
            LockSupport.unpark(this);
        }
    }

    void disarm() {
        deadline = 0;
    }

    boolean expired() {
        return expired;
    }

    /** The connection is closed: the thread ends. */
    void finish() {
        finished = true;
        LockSupport.unpark(this);
    }

    @Override
    public void run() {
        while (!finished) {
            long d = deadline;
            if (d == 0) {
                LockSupport.park(this);
                continue;
            }
            long left = d - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
                continue;
            }
            if (deadline == d) {
                expired = true;
                channel.close();
                return;
            }
        }
    }
}
