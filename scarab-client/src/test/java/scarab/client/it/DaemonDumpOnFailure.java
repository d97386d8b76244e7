package scarab.client.it;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test fails, prints the daemon's threads (jcmd Thread.print) to the test's output before
 * the failure goes on: a picture that never came is then explained by where each thread was.
 * Only helps; the failure itself is the test's.
 */
final class DaemonDumpOnFailure implements TestExecutionExceptionHandler {
    private final Supplier<Scarab> scarab;

    DaemonDumpOnFailure(Supplier<Scarab> scarab) {
        this.scarab = scarab;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Scarab s = scarab.get();
        long pid = s == null ? -1 : s.daemonPid();
        if (pid > 0) {
            System.out.println("==== the daemon's threads when " + context.getDisplayName() + " failed ====");
            System.out.println(dump(pid));
        }
        throw failure;
    }

    private static String dump(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "no thread dump: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }
}
