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

    @Test
    void logTimeIsLocalTimeWithTheOffsetOfThatInstant() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
            LogTime time = new LogTime();
            var format = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                    .withZone(java.time.ZoneId.of("Europe/Berlin"));
            // Winter and summer time, as logback's %d writes them.
            for (long millis : new long[] {1_767_225_600_123L, 1_783_000_000_456L}) {
                ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent();
                event.setTimeStamp(millis);
                assertEquals(format.format(java.time.Instant.ofEpochMilli(millis)), time.convert(event));
            }
            ch.qos.logback.classic.spi.LoggingEvent winter = new ch.qos.logback.classic.spi.LoggingEvent();
            winter.setTimeStamp(1_767_225_600_123L);
            assertEquals("2026-01-01T01:00:00.123+01:00", time.convert(winter));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    @Test
    void theProviderSetsUpTheDaemonsLogItselfAndLogbacksOtherwise() throws Exception {
        String saved = System.getProperty(DaemonLogging.TARGET);
        try {
            System.setProperty(DaemonLogging.TARGET, dir.toString());
            DaemonLogProvider daemon = new DaemonLogProvider();
            daemon.initialize();
            LoggerContext context = (LoggerContext) daemon.getLoggerFactory();
            assertInstanceOf(RollingFileAppender.class, context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE"));
            context.getLogger("scarab.daemon.Daemon").info("through the provider");
            assertNoTrouble(context, "provider");
            context.stop();
            assertTrue(Files.readString(dir.resolve("daemon.log")).contains("INFO  [main] Daemon: through the provider"));

            System.clearProperty(DaemonLogging.TARGET);
            DaemonLogProvider other = new DaemonLogProvider();
            other.initialize();
            LoggerContext plain = (LoggerContext) other.getLoggerFactory();
            assertTrue(plain.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE") == null, "logback's defaults");
            plain.stop();
        } finally {
            if (saved == null) {
                System.clearProperty(DaemonLogging.TARGET);
            } else {
                System.setProperty(DaemonLogging.TARGET, saved);
            }
        }
    }
}
