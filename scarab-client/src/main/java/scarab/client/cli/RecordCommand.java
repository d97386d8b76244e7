package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import scarab.client.ClientContext;
import scarab.client.requests.Recordings;

/** {@code scarab record start|stop}: a pane's output into an asciicast file. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a pane's output (and with --input what is typed) into an asciicast file, which"
                + " asciinema and scarab play replay. A pane already running is recorded from its screen as it"
                + " is. A recording goes on after a daemon restart (behind an \"m\" marker) and ends with"
                + " record stop or when the pane's program ends."},
        footer = {"", "Examples:",
                "  scarab record start -t work demo.cast         from now on, into demo.cast",
                "  scarab record start -t %3 --input --format v3 build.cast",
                "  scarab record stop -t work                    the file is complete when this returns",
                "  scarab play demo.cast"})
public final class RecordCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @ParentCommand
    ScarabCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public RecordCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return 2;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start recording a pane into FILE (default: scarab-DATE-TIME.cast here), which must not exist."})
    int start(@Option(names = "-t", paramLabel = "PANE",
                      description = "The pane (default: the one this runs in, $SCARAB_PANE).") String target,
              @Option(names = "--input", description = "Record what is typed too (\"i\" events).") boolean input,
              @Option(names = "--format", paramLabel = "v2|v3",
                      description = "asciicast version (default v2; v3 has intervals and an exit event).") String format,
              @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The file to write.") String file)
            throws IOException {
        return Recordings.start(ctx, parent::connect, target, input, format, file);
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = {"Stop recording a pane; its file is complete."})
    int stop(@Option(names = "-t", paramLabel = "PANE",
                     description = "The pane (default: the one this runs in, $SCARAB_PANE).") String target)
            throws IOException {
        return Recordings.stop(ctx, parent::connect, target);
    }
}
