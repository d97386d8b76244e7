package scarab.daemon.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups as a level above sessions: open at first, collapsible, and filtered through their sessions or name. */
class TreeChooserGroupsTest {
    private static TreeChooser.Item session(String id, String name) {
        TreeChooser.Item window = new TreeChooser.Item(TreeChooser.Kind.WINDOW, "@" + id.substring(1), "0", "sh", "sh",
                List.of());
        return new TreeChooser.Item(TreeChooser.Kind.SESSION, id, name, "1 windows", name, List.of(window));
    }

    private static TreeChooser.Item group(String name, TreeChooser.Item... members) {
        return new TreeChooser.Item(TreeChooser.Kind.GROUP, "group:" + name, name, members.length + " sessions", name,
                List.of(members));
    }

    private static final List<TreeChooser.Item> ROOTS = List.of(
            session("$0", "loose"),
            group("web", session("$1", "front"), session("$2", "back")),
            group("ops", session("$3", "deploy")));

    /** Each listed line as "depth name [+-]". */
    private static List<String> shown(TreeChooser t) {
        return t.lines().stream().map(l -> l.depth() + " " + l.item().name()
                + (l.expandable() ? l.expanded() ? " -" : " +" : "")).toList();
    }

    @Test
    void groupsStartOpenWithTheirSessionsCollapsed() {
        TreeChooser t = new TreeChooser(ROOTS, false, "$0");
        assertEquals(List.of("0 loose +", "0 web -", "1 front +", "1 back +", "0 ops -", "1 deploy +"), shown(t));
        assertEquals("loose", t.selected().name());
    }

    @Test
    void aGroupCollapsesAndExpandsAndLeftFromASessionGoesToItsGroup() {
        TreeChooser t = new TreeChooser(ROOTS, false, "$2");
        assertEquals("back", t.selected().name());
        t.left(); // back is collapsed: to its parent, the group, which collapses
        assertEquals("web", t.selected().name());
        assertEquals(List.of("0 loose +", "0 web +", "0 ops -", "1 deploy +"), shown(t));
        t.right();
        assertEquals(List.of("0 loose +", "0 web -", "1 front +", "1 back +", "0 ops -", "1 deploy +"), shown(t));
    }

    @Test
    void selectingAWindowInACollapsedGroupOpensTheWayToIt() {
        TreeChooser t = new TreeChooser(ROOTS, false, "$0");
        t.selectLine(4); // ops
        t.left();
        assertEquals(List.of("0 loose +", "0 web -", "1 front +", "1 back +", "0 ops +"), shown(t));
        t.select("@3");
        assertEquals(List.of("0 loose +", "0 web -", "1 front +", "1 back +", "0 ops -", "1 deploy -", "2 0"),
                shown(t));
    }

    @Test
    void withSessionsExpandedTheGroupsSessionsShowTheirWindows() {
        TreeChooser t = new TreeChooser(List.of(group("web", session("$1", "front"))), true, "@1");
        assertEquals(List.of("0 web -", "1 front -", "2 0"), shown(t));
    }

    @Test
    void aFilterListsAGroupForItsMatchingSessionsOnlyOrWholeForItsName() {
        TreeChooser t = new TreeChooser(ROOTS, false, "$0");
        t.filter("back");
        assertEquals(List.of("0 web -", "1 back +"), shown(t));
        assertEquals("back", t.selected().name());
        t.filter("ops");
        assertEquals(List.of("0 ops -", "1 deploy +"), shown(t));
        assertEquals("ops", t.selected().name());
        t.filter("zzz");
        assertEquals(List.of(), shown(t));
        t.filter("");
        assertEquals(6, t.lines().size());
    }
}
