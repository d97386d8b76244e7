package scarab.client.cli;

import picocli.CommandLine.Command;
import scarab.client.ClientContext;
import scarab.client.daemon.DaemonArchiveRecorder;
import scarab.client.daemon.DaemonClasses;

/**
 * Hidden: records the daemon's class-data archive (the one the launcher names) by a training run
 * of a real daemon in a private temporary world. A client that starts a daemon without a fresh
 * archive runs this in the background; install.sh runs it once.
 */
@Command(name = "__train-daemon", hidden = true)
public final class TrainDaemonCommand implements java.util.concurrent.Callable<Integer> {
    public TrainDaemonCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws Exception {
        DaemonArchiveRecorder.record(DaemonClasses.fromSystem());
        return 0;
    }
}
