package scarab.daemon.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scarab.daemon.keys.PromptEditor;
import scarab.daemon.view.ChooserPainter;
import scarab.daemon.view.ChooserPicture;
import scarab.daemon.view.Frame;
import scarab.daemon.view.Overlay;
import scarab.daemon.view.TreeChooser;
import scarab.protocol.command.Caller;

/**
 * choose-tree on one client: the session groups, sessions, windows and panes as a {@link TreeChooser} drawn over
 * the client's window ({@link Overlay.Tree}), with a live preview of the selected item's pane and
 * tmux's tree-mode keys. The tree is built from the sessions in memory when the chooser opens and
 * after each change made from it; filtering and moving only touch the tree, so a keystroke costs
 * no I/O whatever the number of sessions. The previewed pane redraws this client when its screen
 * changes ({@link Pane#previewBy}).
 *
 * <p>Keys come on the client's reading thread (possibly the poller) and never wait: kills,
 * renames, new sessions and the switch run on the key commands' thread. The state is guarded by
 * this object's monitor, which is never held while the client's keys or a pane are asked for
 * anything (a picture is made from a copy of the state, outside it).
 *
 * <p>Keys: Up/Down, k/j, C-p/C-n move (wrapping); Left/Right, h/l, -/+ collapse and expand;
 * Enter switches the client to the selected session, window or pane (a group: its session used
 * last); 0-9 choose that line; x kills after y (a group: all its sessions); r renames (a pane: its
 * window; a group cannot be); n makes a session from a name; / or f, or any other
 * letter typed (which starts the filter with it), opens the filter prompt, whose text narrows the
 * tree as it is typed (Up/Down still move, Enter chooses, Escape drops the filter); q, Escape or
 * C-c leave.
 */
public final class ChooserMode implements ClientKeys.Mode, Overlay.Tree.Source {
    private enum Asking { FILTER, RENAME, NEW, KILL }

    private record Prompt(Asking what, String label, PromptEditor editor) {}

    private final ClientLink link;
    private final SessionManager sessions;
    private final Overlay.Tree overlay = new Overlay.Tree(this);

    // Guarded by this.
    private TreeChooser tree;
    private final Map<String, Session> sessionsById = new HashMap<>();
    private final Map<String, Window> windowsById = new HashMap<>();
    private final Map<String, Pane> panesById = new HashMap<>();
    /** Each group's sessions, in the tree's order, by the group item's id. */
    private final Map<String, List<Session>> groupsById = new HashMap<>();
    private Prompt prompt;
    private String message;
    /** The pane whose screen is previewed (registered with it), or null. */
    private Pane previewed;
    private boolean left;

    private ChooserMode(ClientLink link, SessionManager sessions) {
        this.link = link;
        this.sessions = sessions;
    }

    /**
     * Opens the chooser on a client: {@code sessionsExpanded} for {@code -w} (the windows listed,
     * the client's window selected), else {@code -s} (sessions only, the client's session selected).
     */
    public static void open(ClientLink client, SessionManager sessions, boolean sessionsExpanded) {
        Pane shown = client.pane();
        if (shown == null) {
            return;
        }
        ChooserMode mode = new ChooserMode(client, sessions);
        Session s = shown.session();
        String select = "$" + s.number();
        if (sessionsExpanded) {
            Window w = s.currentWindow();
            if (w != null) {
                select = w.label();
            }
        }
        synchronized (mode) {
            mode.tree = new TreeChooser(mode.items(), sessionsExpanded, select);
        }
        client.keys().enterMode(mode, mode.overlay);
    }

    // ---- the tree --------------------------------------------------------------------------------

    /**
     * The items, from the sessions in memory: sessions by last use (the last attach or switch to
     * them, then the newest), their windows in index order, a window's panes when it has several.
     * Sessions that have exited are left out: there is nothing to switch to. When sessions have
     * groups, each group is an item above its sessions, after the sessions of no group and by name
     * (as {@code ls} orders them), its sessions by last use too. Monitor held.
     */
    private List<TreeChooser.Item> items() {
        sessionsById.clear();
        windowsById.clear();
        panesById.clear();
        groupsById.clear();
        List<Session> all = new ArrayList<>(sessions.list());
        all.removeIf(s -> s.meta().exited());
        all.sort(Comparator.comparingLong((Session s) -> s.meta().lastAttachedAt())
                .thenComparingLong(s -> s.meta().createdAt()).reversed());
        List<TreeChooser.Item> out = new ArrayList<>();
        Map<String, List<TreeChooser.Item>> grouped = new TreeMap<>();
        for (Session s : all) {
            List<TreeChooser.Item> windows = new ArrayList<>();
            List<Window> ws;
            Window current;
            Window last;
            Map<Window, List<Pane>> panes = new HashMap<>();
            Map<Window, Pane> active = new HashMap<>();
            synchronized (s.structure) {
                ws = new ArrayList<>(s.windows());
                current = s.currentWindow();
                last = s.lastWindow();
                for (Window w : ws) {
                    panes.put(w, w.panes());
                    active.put(w, w.active());
                }
            }
            for (Window w : ws) {
                List<TreeChooser.Item> children = new ArrayList<>();
                List<Pane> ps = panes.get(w);
                if (ps.size() > 1) {
                    for (int i = 0; i < ps.size(); i++) {
                        Pane p = ps.get(i);
                        String command = p.currentCommand();
                        children.add(new TreeChooser.Item(TreeChooser.Kind.PANE, p.label(), Integer.toString(i),
                                command + (p == active.get(w) ? "*" : ""), command, List.of()));
                        panesById.put(p.label(), p);
                    }
                }
                String flags = (w == current ? "*" : "") + (w == last ? "-" : "") + (s.zoomed(w) ? "Z" : "");
                windows.add(new TreeChooser.Item(TreeChooser.Kind.WINDOW, w.label(), Integer.toString(w.index()),
                        w.name() + flags, w.name(), children));
                windowsById.put(w.label(), w);
            }
            String id = "$" + s.number();
            String name = s.meta().name();
            TreeChooser.Item item = new TreeChooser.Item(TreeChooser.Kind.SESSION, id, name,
                    ws.size() + " windows" + (s.clientCount() > 0 ? " (attached)" : ""), name, windows);
            sessionsById.put(id, s);
            String group = s.meta().group();
            if (group == null) {
                out.add(item);
            } else {
                grouped.computeIfAbsent(group, g -> new ArrayList<>()).add(item);
                groupsById.computeIfAbsent(groupId(group), g -> new ArrayList<>()).add(s);
            }
        }
        grouped.forEach((group, members) -> out.add(new TreeChooser.Item(TreeChooser.Kind.GROUP, groupId(group),
                group, members.size() + " sessions", group, members)));
        return out;
    }

    private static String groupId(String group) {
        return "group:" + group;
    }

    /** The items again after a change made from here (on the key commands' thread). */
    private void refresh(String select) {
        synchronized (this) {
            if (left) {
                return;
            }
            tree.replace(items());
            if (select != null) {
                tree.select(select);
            }
        }
        shows();
    }

    // ---- the picture -----------------------------------------------------------------------------

    @Override
    public ChooserPicture picture(int cols, int rows) {
        List<TreeChooser.Line> lines;
        int selected;
        Pane pane;
        Pane old = null;
        String title;
        Overlay.Line promptLine;
        synchronized (this) {
            lines = tree.lines();
            selected = tree.selectedIndex();
            TreeChooser.Item item = tree.selected();
            pane = item == null ? null : previewPane(item);
            title = item == null ? "" : title(item);
            if (pane != previewed) {
                old = previewed;
                previewed = left ? null : pane;
            }
            promptLine = promptLine();
        }
        if (old != null) {
            old.previewEnd(link);
        }
        ChooserPainter.Layout layout = ChooserPainter.layout(cols, rows, lines.size());
        Frame preview = null;
        if (pane != null && layout.hasPreview()) {
            pane.previewBy(link);
            preview = pane.readScreen(s -> ChooserPainter.previewOf(s, cols - 2, layout.previewRows()));
        }
        return new ChooserPicture(lines, selected, preview, title, promptLine);
    }

    /** The pane an item shows: a session's active pane, a window's active pane, a pane itself. */
    private Pane previewPane(TreeChooser.Item item) {
        return switch (item.kind()) {
            case GROUP -> {
                Session s = firstOf(item);
                yield s == null ? null : s.activePane();
            }
            case SESSION -> {
                Session s = sessionsById.get(item.id());
                yield s == null ? null : s.activePane();
            }
            case WINDOW -> {
                Window w = windowsById.get(item.id());
                yield w == null ? null : w.active();
            }
            case PANE -> panesById.get(item.id());
        };
    }

    /** A group's session used last (listed first), or null. */
    private Session firstOf(TreeChooser.Item group) {
        List<Session> members = groupsById.get(group.id());
        return members == null || members.isEmpty() ? null : members.get(0);
    }

    private String title(TreeChooser.Item item) {
        return switch (item.kind()) {
            case GROUP, SESSION -> item.name();
            case WINDOW -> {
                Window w = windowsById.get(item.id());
                Pane p = w == null ? null : w.active();
                yield (p == null ? "" : p.session().meta().name() + ":") + item.name();
            }
            case PANE -> {
                Pane p = panesById.get(item.id());
                Window w = p == null ? null : p.window();
                yield p == null || w == null ? item.name()
                        : p.session().meta().name() + ":" + w.index() + "." + item.name();
            }
        };
    }

    private Overlay.Line promptLine() {
        if (prompt != null) {
            String label = prompt.label();
            if (prompt.what() == Asking.KILL) {
                return new Overlay.Line(label, label.codePointCount(0, label.length()));
            }
            return new Overlay.Line(label + prompt.editor().text(),
                    label.codePointCount(0, label.length()) + prompt.editor().cursorIndex());
        }
        return message == null ? null : new Overlay.Line(message, -1);
    }

    /** Draws the client again (the same overlay: its picture is made afresh). */
    private void shows() {
        link.keys().modeShows(this, overlay);
    }

    // ---- keys ------------------------------------------------------------------------------------

    @Override
    public void message(String text) {
        synchronized (this) {
            message = text;
        }
        shows();
    }

    @Override
    public void key(String key) {
        Runnable after;
        synchronized (this) {
            message = null;
            after = prompt != null ? promptKey(key) : treeKey(key);
        }
        if (after != null) {
            after.run();
        }
        shows();
    }

    /** A key over the tree; answers what to do outside the monitor, or null. Monitor held. */
    private Runnable treeKey(String key) {
        switch (key) {
            case "\033[A", "\033OA", "k", "\020" -> tree.up();
            case "\033[B", "\033OB", "j", "\016" -> tree.down();
            case "\033[D", "\033OD", "h", "-" -> tree.left();
            case "\033[C", "\033OC", "l", "+" -> tree.right();
            case "\r", "\n" -> {
                return choose(tree.selected());
            }
            case "q", "\033", "\003" -> {
                return this::leave;
            }
            case "x" -> {
                TreeChooser.Item item = tree.selected();
                if (item != null) {
                    prompt = new Prompt(Asking.KILL, killQuestion(item), new PromptEditor(""));
                }
            }
            case "r" -> {
                TreeChooser.Item item = tree.selected();
                if (item != null && item.kind() == TreeChooser.Kind.GROUP) {
                    message = "A group has no name of its own to change: it is its sessions' --group";
                } else if (item != null) {
                    String current = item.kind() == TreeChooser.Kind.SESSION ? item.name() : windowOf(item) == null
                            ? "" : windowOf(item).name();
                    prompt = new Prompt(Asking.RENAME, "(rename) ", new PromptEditor(current));
                }
            }
            case "n" -> prompt = new Prompt(Asking.NEW, "(new session) ", new PromptEditor(""));
            case "/", "f" -> prompt = new Prompt(Asking.FILTER, "(filter) ", new PromptEditor(tree.filter()));
            default -> {
                if (key.length() == 1 && key.charAt(0) >= '0' && key.charAt(0) <= '9') {
                    int line = key.charAt(0) - '0';
                    if (line < tree.lines().size()) {
                        tree.selectLine(line);
                        return choose(tree.selected());
                    }
                } else if (key.length() == 1 && Character.isLetter(key.charAt(0))) {
                    // A letter the tree does not use starts the filter with it.
                    PromptEditor editor = new PromptEditor(tree.filter());
                    editor.key(key);
                    prompt = new Prompt(Asking.FILTER, "(filter) ", editor);
                    tree.filter(editor.text());
                }
            }
        }
        return null;
    }

    /** A key while a prompt is open. Monitor held. */
    private Runnable promptKey(String key) {
        Prompt p = prompt;
        if (p.what() == Asking.KILL) {
            prompt = null;
            return key.equals("y") ? kill(tree.selected()) : null;
        }
        if (p.what() == Asking.FILTER) {
            switch (key) {
                case "\033[A", "\033OA", "\020" -> {
                    tree.up();
                    return null;
                }
                case "\033[B", "\033OB", "\016" -> {
                    tree.down();
                    return null;
                }
                default -> {
                }
            }
        }
        PromptEditor.Outcome outcome = p.editor().key(key);
        String text = p.editor().text();
        switch (p.what()) {
            case FILTER -> {
                if (outcome == PromptEditor.Outcome.CANCELLED) {
                    prompt = null;
                    tree.filter("");
                } else if (outcome == PromptEditor.Outcome.DONE) {
                    TreeChooser.Item item = tree.selected();
                    if (item != null) {
                        prompt = null;
                        return choose(item);
                    }
                } else if (!text.equals(tree.filter())) {
                    tree.filter(text);
                }
            }
            case RENAME -> {
                if (outcome != PromptEditor.Outcome.EDITING) {
                    prompt = null;
                }
                if (outcome == PromptEditor.Outcome.DONE && !text.isEmpty()) {
                    return rename(tree.selected(), text);
                }
            }
            case NEW -> {
                if (outcome != PromptEditor.Outcome.EDITING) {
                    prompt = null;
                }
                if (outcome == PromptEditor.Outcome.DONE && !text.isEmpty()) {
                    return create(text);
                }
            }
            default -> throw new IllegalStateException(p.what().toString());
        }
        return null;
    }

    // ---- what the keys do ------------------------------------------------------------------------

    /** Leaves the chooser: its overlay goes and the previewed pane forgets this client. */
    private void leave() {
        Pane old;
        synchronized (this) {
            left = true;
            old = previewed;
            previewed = null;
        }
        if (old != null) {
            old.previewEnd(link);
        }
        link.keys().leaveMode(this);
    }

    /** Enter: the client shows the item, through switch-client (which selects a window or pane first). */
    private Runnable choose(TreeChooser.Item item) {
        if (item == null) {
            return null;
        }
        String target = switch (item.kind()) {
            case GROUP -> {
                Session s = firstOf(item);
                yield s == null ? null : "$" + s.number();
            }
            case SESSION -> item.id();
            case WINDOW -> {
                Window w = windowsById.get(item.id());
                Pane p = w == null ? null : w.active();
                yield p == null ? item.id() : p.label(); // a pane target makes its window current too
            }
            case PANE -> item.id();
        };
        if (target == null) {
            return null;
        }
        return () -> {
            leave();
            command(List.of("switch-client", "-t", target), null);
        };
    }

    private Window windowOf(TreeChooser.Item item) {
        return switch (item.kind()) {
            case GROUP, SESSION -> null;
            case WINDOW -> windowsById.get(item.id());
            case PANE -> {
                Pane p = panesById.get(item.id());
                yield p == null ? null : p.window();
            }
        };
    }

    private String killQuestion(TreeChooser.Item item) {
        return switch (item.kind()) {
            case GROUP -> "Kill group " + item.name() + " (" + item.children().size() + " sessions)? (y/n) ";
            case SESSION -> "Kill session " + item.name() + "? (y/n) ";
            case WINDOW -> "Kill window " + item.name() + "? (y/n) ";
            case PANE -> "Kill pane " + item.id() + "? (y/n) ";
        };
    }

    private Runnable kill(TreeChooser.Item item) {
        if (item == null) {
            return null;
        }
        Session s = sessionsById.get(item.id());
        List<Session> members = List.copyOf(groupsById.getOrDefault(item.id(), List.of()));
        return switch (item.kind()) {
            case GROUP -> () -> task(() -> members.forEach(sessions::kill), null);
            case SESSION -> () -> task(() -> sessions.kill(s), null);
            case WINDOW -> () -> command(List.of("kill-window", "-t", item.id()), null);
            case PANE -> () -> command(List.of("kill-pane", "-t", item.id()), null);
        };
    }

    /** r: a session's name, or the window's (a pane has none of its own: its window's). */
    private Runnable rename(TreeChooser.Item item, String name) {
        if (item == null) {
            return null;
        }
        if (item.kind() == TreeChooser.Kind.SESSION) {
            Session s = sessionsById.get(item.id());
            return () -> task(() -> sessions.rename(s, name), item.id());
        }
        Window w = windowOf(item);
        if (w == null) {
            return null;
        }
        return () -> command(List.of("rename-window", "-t", w.label(), "--", name), item.id());
    }

    /** n: a new session of that name, the size of this client, started where the client's pane started. */
    private Runnable create(String name) {
        Pane shown = link.pane();
        String cwd = shown == null ? null : shown.meta().cwd();
        int cols = Math.max(1, link.cols());
        int rows = Math.max(1, link.rows());
        return () -> KeyCommands.after(() -> {
            Session created = null;
            try {
                created = sessions.create(new NewSessionSpec(name, null, cwd, cols, rows, null));
            } catch (RuntimeException e) {
                message(e.getMessage());
            }
            refresh(created == null ? null : "$" + created.number());
        });
    }

    /** Runs a table command line for this client on the key commands' thread, then lists again. */
    private void command(List<String> argv, String select) {
        KeyCommands.run(argv, this::caller, this::failed, () -> refresh(select));
    }

    /** Runs something on the key commands' thread (it may wait for the store), then lists again. */
    private void task(Runnable r, String select) {
        KeyCommands.after(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                failed(e.getMessage());
            }
            refresh(select);
        });
    }

    private void failed(String error) {
        boolean gone;
        synchronized (this) {
            gone = left;
        }
        String first = error == null ? "" : error.strip().lines().findFirst().orElse("");
        if (first.isEmpty()) {
            return;
        }
        if (gone) {
            link.keys().message(first); // after Enter: shown as any key command's error
        } else {
            message(first.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + first.substring(1));
        }
    }

    private Caller caller() {
        Pane p = link.pane();
        return p == null ? Caller.NOBODY : new Caller(null, p.label(), p.session().id().full(), link.name());
    }
}
