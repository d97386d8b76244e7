package scarab.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The daemon's two logging set-ups, on a context of their own: any warning or error logback
 * reports about them (a bad pattern, an appender that cannot start or write) fails here, since at
 * run time it would leave the daemon without a log. And logback finds the set-up as its
 * configurator, as it does when the daemon asks for its first logger.
 */
class LoggingConfigTest {
    @TempDir
    Path dir;

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's own start-up gives it one
        context.start();
        return context;
    }

    /** No warning or error among logback's status messages (a configuration, or an append). */
    private static void assertNoTrouble(LoggerContext context, String what) {
        String report = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN)
                .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : ": " + s.getThrowable()))
                .collect(Collectors.joining("\n"));
        assertTrue(new StatusUtil(context).getHighestLevel(0) < Status.WARN, what + ":\n" + report);
    }

    @Test
    void theForegroundLogGoesToStdout() {
        LoggerContext context = context();
        DaemonLogging.apply(context, null, Level.DEBUG);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.DEBUG, root.getLevel());
        ConsoleAppender<?> out = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
        assertEquals("System.out", out.getTarget());
        assertTrue(out.isStarted());
        assertNoTrouble(context, "foreground");
        context.stop();
    }

    @Test
    void theBackgroundLogGoesToDaemonLogInTheStateDirectory() throws Exception {
        LoggerContext context = context();
        DaemonLogging.apply(context, dir, Level.INFO);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertInstanceOf(RollingFileAppender.class, root.getAppender("FILE"));
        Logger log = context.getLogger("scarab.daemon.Daemon");
        log.debug("not at INFO");
        log.info("a line for the file");
        assertNoTrouble(context, "file");
        context.stop();
        String text = Files.readString(dir.resolve("daemon.log"));
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[^ ]+ INFO  \\[[^]]+\\] Daemon: a line for the file\n"),
                text);
    }

    @Test
    void logbackFindsItAsItsConfigurator() {
        assertTrue(ServiceLoader.load(Configurator.class).stream().anyMatch(p -> p.type() == DaemonLogging.class));
        // Not a daemon (no target set): logback's own defaults.
        assertEquals(Configurator.ExecutionStatus.NEUTRAL, new DaemonLogging().configure(context()));
    }
}
