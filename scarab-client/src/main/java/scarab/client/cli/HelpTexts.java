package scarab.client.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import scarab.client.ClientContext;
import scarab.client.fast.FastPath;

/**
 * Run by the build (process-classes): writes {@code scarab --help} as picocli renders it from the
 * commands' model, plain and with ANSI styles, into the client's classes, for {@link FastPath} to
 * print without building that model (half a second with every subcommand registered). The text
 * is never written by hand: it is whatever the annotations say when the jar is built.
 */
public final class HelpTexts {
    private HelpTexts() {}

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
        CommandLine cl = Cli.commandLine(new ClientContext(Map.of(), Path.of("/"), nowhere, nowhere, false));
        Path plain = classes.resolve(FastPath.HELP_PLAIN);
        Path ansi = classes.resolve(FastPath.HELP_ANSI);
        if (cl.getCommandSpec().usageMessage().autoWidth()) {
            // As wide as the terminal at run time: nothing to precompute; picocli renders it.
            Files.deleteIfExists(plain);
            Files.deleteIfExists(ansi);
            return;
        }
        Files.createDirectories(plain.getParent());
        Files.writeString(plain, cl.getUsageMessage(Help.defaultColorScheme(Help.Ansi.OFF)), StandardCharsets.UTF_8);
        Files.writeString(ansi, cl.getUsageMessage(Help.defaultColorScheme(Help.Ansi.ON)), StandardCharsets.UTF_8);
    }
}
