package scarab.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The daemon's log, set up in code: stdout in the foreground (systemd's journal), else
 * {@code daemon.log} in the state directory, rolled at 10 MB with 3 kept. logback finds this class
 * as its configurator (META-INF/services) when the daemon first asks for a logger. Reading an XML
 * configuration instead cost a third of a cold start (logback's XML parser and its reflective model
 * of the file: 400-600 ms here), and a mistake in the file left the daemon with no log at all.
 *
 * <p>Whoever starts the JVM with {@code -Dlogback.configurationFile} gets that file instead, and
 * a JVM that is not a daemon (tests, tools) logback's defaults.
 */
public final class DaemonLogging extends ContextAwareBase implements Configurator {
    /** Set by the daemon before its first logger: "stdout", or the directory of daemon.log. */
    static final String TARGET = "scarab.log.target";
    static final String LEVEL = "scarab.log.level";
    static final String STDOUT = "stdout";
    static final String FILE = "daemon.log";
    private static final String TIME = "%isotime ";
    private static final String LINE = "%-5level [%thread] %logger{0}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String target = System.getProperty(TARGET);
        if (target == null || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.NEUTRAL;
        }
        apply(context, target.equals(STDOUT) ? null : Path.of(target), Level.toLevel(System.getProperty(LEVEL), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Logs to {@code dir/daemon.log}, or to stdout when {@code dir} is null (the journal adds the time). */
    static void apply(LoggerContext context, Path dir, Level level) {
        OutputStreamAppender<ILoggingEvent> appender;
        if (dir == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setName("STDOUT");
            console.setEncoder(encoder(context, LINE));
            appender = console;
        } else {
            RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
            file.setName("FILE");
            file.setContext(context);
            file.setFile(dir.resolve(FILE).toString());
            FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
            rolling.setContext(context);
            rolling.setParent(file);
            rolling.setFileNamePattern(dir.resolve("daemon.%i.log").toString());
            rolling.setMinIndex(1);
            rolling.setMaxIndex(3);
            rolling.start();
            SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
            size.setContext(context);
            size.setMaxFileSize(FileSize.valueOf("10MB"));
            size.start();
            file.setRollingPolicy(rolling);
            file.setTriggeringPolicy(size);
            file.setEncoder(encoder(context, TIME + LINE));
            appender = file;
        }
        appender.setContext(context);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.getInstanceConverterMap().put("isotime", LogTime.class.getName());
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
