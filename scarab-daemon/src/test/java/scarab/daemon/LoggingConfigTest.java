package scarab.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The daemon's two logging configurations, read by logback's own configurator exactly as the
 * daemon has it read them: any warning or error logback reports (a malformed file, an unknown
 * element or class) fails here, since at run time it would leave the daemon without a log.
 */
class LoggingConfigTest {
    @TempDir
    Path dir;

    private LoggerContext configure(String resource) throws Exception {
        URL url = getClass().getClassLoader().getResource(resource);
        assertNotNull(url, resource + " on the daemon's class path");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's own start-up gives it one
        context.start();
        context.putProperty("scarab.log.dir", dir.toString());
        context.putProperty("scarab.log.level", "DEBUG");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
        assertNoTrouble(context, resource);
        return context;
    }

    /** No warning or error among logback's status messages (a configuration, or an append). */
    private static void assertNoTrouble(LoggerContext context, String resource) {
        StatusUtil status = new StatusUtil(context);
        String report = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN)
                .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : ": " + s.getThrowable()))
                .collect(Collectors.joining("\n"));
        assertTrue(status.getHighestLevel(0) < Status.WARN, resource + ":\n" + report);
    }

    @Test
    void theForegroundConfigurationLogsToStdout() throws Exception {
        LoggerContext context = configure(Daemon.FOREGROUND_LOG_CONFIG);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.DEBUG, root.getLevel());
        ConsoleAppender<?> out = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
        assertEquals("System.out", out.getTarget());
        assertTrue(out.isStarted());
        context.getLogger("scarab.daemon.Daemon").info("a line for stdout");
        assertNoTrouble(context, Daemon.FOREGROUND_LOG_CONFIG);
        context.stop();
    }

    @Test
    void theFileConfigurationLogsToDaemonLogInTheStateDirectory() throws Exception {
        LoggerContext context = configure(Daemon.FILE_LOG_CONFIG);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertInstanceOf(RollingFileAppender.class, root.getAppender("FILE"));
        Logger log = context.getLogger("scarab.daemon.Daemon");
        log.info("a line for the file");
        assertNoTrouble(context, Daemon.FILE_LOG_CONFIG);
        context.stop();
        String text = Files.readString(dir.resolve("daemon.log"));
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT[^ ]+ INFO  \\[[^]]+\\] Daemon: a line for the file\n"), text);
    }
}
