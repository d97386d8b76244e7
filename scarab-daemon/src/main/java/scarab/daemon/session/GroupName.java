package scarab.daemon.session;

/** A group's name follows a session name's rules ({@link SessionName}): it is typed in the same places. */
public final class GroupName {
    private GroupName() {}

    /** @return null when valid, else one line saying what is wrong */
    public static String problem(String group) {
        String problem = SessionName.problem(group);
        return problem == null ? null : problem.replace("session name", "group name");
    }
}
