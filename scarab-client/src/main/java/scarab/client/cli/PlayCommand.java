package scarab.client.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scarab.client.ClientContext;
import scarab.client.play.Player;

/** {@code scarab play FILE}: replays an asciicast recording in this terminal; needs no daemon. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Play an asciicast recording (version 2 or 3: scarab record's, asciinema's) in this terminal."
                + " Keys: q quits, space pauses and goes on."},
        footer = {"", "Examples:",
                "  scarab play demo.cast",
                "  scarab play --speed 2 --idle-limit 1 build.cast     twice as fast, no pause over 1 s",
                "  scarab new --replay demo.cast demo                  played into a session instead"})
public final class PlayCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
    String file;

    @Option(names = "--speed", paramLabel = "N", description = "Play N times as fast (default 1; 0.5 is half speed).")
    String speed;

    @Option(names = "--idle-limit", paramLabel = "S",
            description = "Shorten every pause to at most S seconds (default: the file's idle_time_limit, else none).")
    String idleLimit;

    /** For {@code new --replay}: the session keeps the last screen until q. */
    @Option(names = "--hold", hidden = true)
    boolean hold;

    public PlayCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        return Player.play(ctx.out(), ctx.cwd().resolve(file), speed, idleLimit, hold, ctx.interactive());
    }
}
