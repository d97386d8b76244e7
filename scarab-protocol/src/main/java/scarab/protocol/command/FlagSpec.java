package scarab.protocol.command;

/**
 * One flag of a command: a letter ({@code -h}) or a long name ({@code --json}), with or without
 * a value. A flag with a value has a {@code valueLabel} ({@code size}); a target flag also says
 * which kind of target its value names.
 *
 * @param letter      the flag's letter, or 0 for a long flag
 * @param longName    the long flag's name without dashes ({@code json}), or null for a letter
 * @param valueLabel  the value's name in usage lines, or null for a flag without a value
 * @param description one line for the help
 * @param target      what the value names when it is a target, else null
 */
public record FlagSpec(char letter, String longName, String valueLabel, String description, TargetKind target) {

    public FlagSpec {
        if ((letter == 0) == (longName == null)) {
            throw new IllegalArgumentException("a flag has a letter or a long name");
        }
        if (longName != null && valueLabel != null) {
            throw new IllegalArgumentException("long flags take no value: --" + longName);
        }
        if (target != null && valueLabel == null) {
            throw new IllegalArgumentException("a target flag takes a value: -" + letter);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("flag " + name() + " has no description");
        }
    }

    public boolean takesValue() {
        return valueLabel != null;
    }

    /** As typed: {@code -l} or {@code --json}. */
    public String name() {
        return longName != null ? "--" + longName : "-" + letter;
    }
}
