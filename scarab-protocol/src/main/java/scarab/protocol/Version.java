package scarab.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Scarab's release version, stamped into the jar at build time. */
public final class Version {
    private static final String VALUE = load();

    private Version() {}

    public static String get() {
        return VALUE;
    }

    private static String load() {
        // Set by the launcher (which knows the version): reading the resource would open a jar,
        // the only one a short command would otherwise open.
        String given = System.getProperty("scarab.version");
        if (given != null && !given.isBlank()) {
            return given;
        }
        try (InputStream in = Version.class.getResourceAsStream("/scarab/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
