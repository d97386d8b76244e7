package scarab.client.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import scarab.client.ClientContext;
import scarab.client.ClientError;

/**
 * Which file {@code up} and {@code down} mean: none given, {@code ./.scarab.toml}; a path (a word
 * with a {@code /}, ending in {@code .toml}, or an existing file), that file; else a NAME, {@code
 * $XDG_CONFIG_HOME/scarab/workspaces/NAME.toml} (default {@code ~/.config}).
 */
public final class WorkspaceLocation {
    public static final String LOCAL = ".scarab.toml";

    private WorkspaceLocation() {}

    public static Path find(ClientContext ctx, String fileOrName) {
        if (fileOrName == null) {
            Path local = ctx.cwd().resolve(LOCAL);
            if (!Files.isRegularFile(local)) {
                throw new ClientError("no " + LOCAL + " in " + ctx.cwd() + "; give a FILE, or a NAME of "
                        + directory(ctx) + "/NAME.toml");
            }
            return local;
        }
        Path asPath = ctx.cwd().resolve(fileOrName);
        if (fileOrName.contains("/") || fileOrName.endsWith(".toml") || Files.isRegularFile(asPath)) {
            return asPath.normalize();
        }
        Path named = directory(ctx).resolve(fileOrName + ".toml");
        if (!Files.isRegularFile(named)) {
            throw new ClientError("no workspace " + fileOrName + ": neither a file here nor " + named);
        }
        return named;
    }

    /** A name given to {@code down} that has no file: null (it is a session's name then). */
    public static Path findIfAny(ClientContext ctx, String fileOrName) {
        try {
            return find(ctx, fileOrName);
        } catch (ClientError e) {
            return null;
        }
    }

    public static Path directory(ClientContext ctx) {
        String config = ctx.env().get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isEmpty() ? Path.of(config)
                : Path.of(ctx.env().getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("scarab").resolve("workspaces");
    }

    public static String home(ClientContext ctx) {
        return ctx.env().getOrDefault("HOME", System.getProperty("user.home"));
    }
}
