package scarab.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * logback for the daemon, named to SLF4J by the {@code slf4j.provider} property ({@link
 * #select}) so that neither SLF4J nor logback looks for its providers and configurators with a
 * ServiceLoader: each such look-up opens every jar of the class path and reads its central
 * directory (20 jars, thousands of entries, interpreted code), which was most of the 150-190 ms
 * of CPU that setting up the log cost a cold start, and which a class-data archive cannot save.
 * It does what logback's own {@link LogbackServiceProvider} does, but applies {@link
 * DaemonLogging} directly; a {@code -Dlogback.configurationFile} of one's own still gets
 * logback's usual set-up.
 */
public final class DaemonLogProvider implements SLF4JServiceProvider {
    static final String PROPERTY = "slf4j.provider";
    private static final String VERBOSITY = "slf4j.internal.verbosity";

    private LoggerContext context;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    /** Makes SLF4J use this provider, unless whoever started the JVM named one, or SLF4J is already set up. */
    static void select() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, DaemonLogProvider.class.getName());
            // Else SLF4J says at every start, on stderr (daemon.out), that it was asked to.
            if (System.getProperty(VERBOSITY) == null) {
                System.setProperty(VERBOSITY, "WARN");
            }
        }
    }

    @Override
    public void initialize() {
        context = new LoggerContext();
        context.setName("default");
        DaemonLogging daemonLogging = new DaemonLogging();
        daemonLogging.setContext(context);
        if (daemonLogging.configure(context) == Configurator.ExecutionStatus.NEUTRAL) {
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                org.slf4j.helpers.Reporter.error("Failed to auto configure default logger context", e);
            }
            if (!StatusUtil.contextHasStatusListener(context)) {
                StatusPrinter.printInCaseOfErrorsOrWarnings(context);
            }
        }
        context.start();
        markers = new BasicMarkerFactory();
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        context.setMDCAdapter(adapter);
        mdc = adapter;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return LogbackServiceProvider.REQUESTED_API_VERSION;
    }
}
