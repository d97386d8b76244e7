package scarab.daemon.command;

import java.util.List;
import scarab.daemon.ipc.Dispatcher;
import scarab.daemon.session.PaneMoves;
import scarab.daemon.session.PaneOperations;
import scarab.daemon.session.PaneRespawn;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.TextViewMode;
import scarab.daemon.session.WindowOperations;
import scarab.daemon.target.TargetResolver;
import scarab.protocol.command.CommandTable;

/** The table of every command the daemon serves: one handler per request type. */
public final class Commands {
    private Commands() {}

    public static Dispatcher dispatcher(SessionManager sessions, DaemonControl daemon) {
        ModelTargets model = new ModelTargets(sessions);
        TargetResolver resolver = new TargetResolver(model.model());
        SessionTargets targets = new SessionTargets(sessions, resolver);
        scarab.daemon.watch.Watches watches = new scarab.daemon.watch.Watches();
        CommandHandler table = new CommandHandler(tableCommands(sessions, model, resolver));
        scarab.daemon.session.ClientMouse.paneOperations(new PaneOperations(sessions));
        AttachedClients attached = new AttachedClients(sessions, resolver);
        Hooks.start(table, sessions, model);
        scarab.daemon.session.KeyCommands.planner(table::atOnce);
        scarab.daemon.session.KeyCommands.runner((argv, caller) -> {
            TableCommand.Output out = table.run(argv, caller);
            if (out.status() == 0 && !out.stdout().isEmpty() && caller.client() != null && !isDisplayMessage(argv)) {
                // What a command run from a key or the : prompt prints is shown over the window, as
                // tmux shows it in view mode (C-b ? lists the keys there).
                attached.named(caller.client()).ifPresent(c -> TextViewMode.show(c, out.stdout()));
            }
            return out.status() == 0 ? null : out.stderr();
        });
        return new Dispatcher(List.of(
                table,
                new NewHandler(sessions, daemon),
                new ListHandler(sessions, daemon, model),
                new KillHandler(sessions, targets),
                new RenameHandler(sessions, targets),
                new WaitHandler(sessions, targets),
                new WaitForOutputHandler(targets, watches),
                new WaitIdleHandler(targets, watches),
                new RecordStartHandler(targets, sessions.recordings()),
                new RecordStopHandler(targets, sessions.recordings()),
                new EventsHandler(targets),
                new AttachHandler(sessions, targets),
                new ResizeHandler(),
                new DetachHandler(sessions, targets),
                new CaptureHandler(sessions, targets),
                new SendKeysHandler(sessions, targets),
                new DaemonStatusHandler(sessions, daemon),
                new DaemonStopHandler(daemon),
                new DaemonUpgradeHandler(daemon)));
    }

    /** display-message writes to the status line in tmux, not to view mode: left as it was. */
    private static boolean isDisplayMessage(List<String> argv) {
        try {
            return scarab.protocol.command.ClientCommands.keyTable().lookup(argv.get(0)).name().equals("display-message");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The handlers of the table commands (tmux's grammar, parsed here): one per command, by the
     * spec's name. A command of the table with no handler yet answers {@code unknown command}.
     */
    static TableCommands tableCommands(SessionManager sessions, ModelTargets model, TargetResolver resolver) {
        WindowOperations windows = new WindowOperations(sessions);
        PaneOperations panes = new PaneOperations(sessions);
        PaneMoves moves = new PaneMoves(sessions);
        AttachedClients clients = new AttachedClients(sessions, resolver);
        return new TableCommands(CommandTable.standard())
                .register("display-message", new DisplayMessageCommand(resolver, model::variables, clients))
                .register("new-window", new NewWindowCommand(resolver, windows))
                .register("select-window", new SelectWindowCommand(resolver, windows))
                .register("kill-window", new KillWindowCommand(resolver, windows))
                .register("rename-window", new RenameWindowCommand(resolver, windows))
                .register("kill-pane", new KillPaneCommand(resolver, windows))
                .register("list-windows", new ListWindowsCommand(resolver, sessions, model))
                .register("list-panes", new ListPanesCommand(resolver, sessions, model))
                .register("split-window", new SplitWindowCommand(resolver, panes))
                .register("select-pane", new SelectPaneCommand(resolver, panes))
                .register("resize-pane", new ResizePaneCommand(resolver, panes))
                .register("select-layout", new SelectLayoutCommand(resolver, panes))
                .register("swap-pane", new SwapPaneCommand(resolver, panes))
                .register("resize-window", new ResizeWindowCommand(resolver, panes))
                .register("break-pane", new BreakPaneCommand(resolver, moves))
                .register("join-pane", new JoinPaneCommand(resolver, moves))
                .register("move-pane", new JoinPaneCommand(resolver, moves))
                .register("switch-client", new SwitchClientCommand(resolver, sessions, clients, windows, panes))
                .register("list-clients", new ListClientsCommand(resolver, clients, model))
                .register("choose-tree", new ChooseTreeCommand(sessions, clients))
                .register("list-keys", new ListKeysCommand())
                .register("has-session", new HasSessionCommand(resolver))
                .register("run-shell", new RunShellCommand(resolver, model::variables))
                .register("respawn-pane", new RespawnPaneCommand(resolver, new PaneRespawn(sessions)))
                .register("set-buffer", new SetBufferCommand(sessions.pasteBuffers()))
                .register("show-buffer", new ShowBufferCommand(sessions.pasteBuffers()))
                .register("list-buffers", new ListBuffersCommand(sessions.pasteBuffers()))
                .register("save-buffer", new SaveBufferCommand(sessions.pasteBuffers()))
                .register("load-buffer", new LoadBufferCommand(sessions.pasteBuffers()))
                .register("delete-buffer", new DeleteBufferCommand(sessions.pasteBuffers()))
                .register("paste-buffer", new PasteBufferCommand(resolver, sessions, sessions.pasteBuffers()))
                .seal();
    }
}
